import { describe, expect, expectTypeOf, it } from 'vitest';
import { type OperationInfo, operations } from '../src/generated/operations.js';
import {
  APIPromise,
  type BodyOf,
  type ItemOf,
  OpenTrain,
  OpenTrainPartner,
  Paginator,
  type QueryOf,
  type RequestOptions,
  type SuccessOf,
} from '../src/index.js';
import { createNamespaces } from '../src/resources/namespace.js';
import { BASE_URL, TOKEN } from './helpers.js';

type Row = (typeof operations)[number];
/** The table as plain rows, for the runtime walk (the literal types are for the type-level checks below). */
const rows: readonly OperationInfo[] = operations;

interface Sent {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  idempotencyHeader: string | null;
  authorization: string | null;
}

/** Both clients over a fetch that records each request and answers with an empty page or an empty object. */
function recordingClients() {
  const sent: Sent[] = [];
  const answers = new Map<string, unknown>();
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    const text = await request.text();
    const type = request.headers.get('content-type') ?? '';
    const body =
      text === ''
        ? undefined
        : type.includes('json')
          ? JSON.parse(text)
          : Object.fromEntries(new URLSearchParams(text));
    const keyHeader = rows.find((row) => row.idempotencyKey?.in === 'header')?.idempotencyKey?.name;
    sent.push({
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      idempotencyHeader: keyHeader ? request.headers.get(keyHeader) : null,
      authorization: request.headers.get('authorization'),
    });
    return Response.json(answers.get(url.pathname) ?? {});
  };
  // The probe values below are not valid API input; what is checked here is where each part of a call goes.
  const options = { apiKey: TOKEN, baseUrl: BASE_URL, fetch, logLevel: 'off' as const, validateRequests: false };
  return { sent, answers, clients: { public: new OpenTrain(options), partner: new OpenTrainPartner(options) } };
}

/** Path values with a space and a slash, so the test sees that they are encoded. */
const pathValue = (name: string) => `${name} 1/2`;

describe('the generated namespaces', () => {
  it('give every operation of the table a method that sends its method, path, query, body and auth rule', async () => {
    const { sent, answers, clients } = recordingClients();
    expect(rows).toHaveLength(64);
    for (const row of rows) {
      const [namespace, name] = row.sdk.split('.') as [string, string];
      const resource = (clients[row.api] as unknown as Record<string, Record<string, unknown>>)[namespace];
      const method = resource?.[name];
      expect(method, `${row.api} client: ${row.sdk} (${row.operationId})`).toBeTypeOf('function');

      const query = Object.fromEntries(row.queryParams.map((param) => [param, `${param}-value`]));
      const body = row.body ? { probe: row.operationId } : undefined;
      const input = row.body ? [body] : row.queryParams.length > 0 ? [query] : [];
      // The only case with both a body and a query puts the query in the options; the spec has none today.
      const callOptions = {
        ...(row.body && row.queryParams.length > 0 ? { query } : {}),
        ...(row.idempotencyKey ? { idempotencyKey: 'key-1' } : {}),
      };
      const sentBody = row.idempotencyKey?.in === 'body' ? { ...body, [row.idempotencyKey.name]: 'key-1' } : body;
      const filledPath = row.path.replace(/\{([^{}]+)\}/g, (_, param: string) => encodeURIComponent(pathValue(param)));
      if (row.pagination) answers.set(filledPath, { [row.pagination.items]: [], [row.pagination.nextCursor]: null });

      const result = (method as (...args: unknown[]) => PromiseLike<unknown>).call(
        resource,
        ...row.pathParams.map(pathValue),
        ...input,
        callOptions,
      );
      expect(result).toBeInstanceOf(row.pagination ? Paginator : APIPromise);
      await result;

      expect(sent.at(-1), `${row.sdk} (${row.operationId})`).toEqual({
        method: row.method,
        path: filledPath,
        query,
        body: sentBody,
        idempotencyHeader: row.idempotencyKey?.in === 'header' ? 'key-1' : null,
        authorization: row.tokenless ? null : `Bearer ${TOKEN}`,
      });
    }
    expect(sent).toHaveLength(64);
  });

  it('work when taken off their namespace', async () => {
    const { sent, clients } = recordingClients();
    const { get } = clients.public.jobs;
    await get('job_1');
    expect(sent.at(-1)).toMatchObject({ method: 'GET', path: '/api/public/v1/jobs/job_1' });
  });

  it('take the query from the options when a method also takes a body', async () => {
    const { sent, clients } = recordingClients();
    const route = {
      operationId: 'probeBodyAndQuery',
      method: 'POST',
      path: '/api/public/v1/probe/{probeId}',
      tokenless: false,
      idempotent: false,
      idempotencyKey: null,
      pagination: null,
      body: { contentType: 'application/json', required: true },
    };
    const { probe } = createNamespaces(clients.public.transport, { probe: { send: [route, 'body+query'] } });
    await probe?.send?.('p1', { note: 'hi' }, { query: { dryRun: 'true' }, idempotencyKey: 'unused' });
    expect(sent.at(-1)).toMatchObject({
      method: 'POST',
      path: '/api/public/v1/probe/p1',
      query: { dryRun: 'true' },
      body: { note: 'hi' },
    });
  });

  it('do not put the other API on a client', () => {
    const { clients } = recordingClients();
    expect('projectLinks' in clients.public).toBe(false);
    expect('jobs' in clients.partner).toBe(false);
    // Both APIs have a `contracts` namespace, each with its own methods.
    expect('end' in clients.public.contracts && 'reportUsage' in clients.partner.contracts).toBe(true);
    expect('reportUsage' in clients.public.contracts || 'end' in clients.partner.contracts).toBe(false);
  });
});

// Type-level proof over the whole table: each method takes its path parameters as strings in path order, then the
// body or the query (required exactly when the spec requires it), then RequestOptions, and returns an APIPromise
// of its success body or, when cursor-paginated, a Paginator over its items.
type ClientOf<Api> = Api extends 'partner' ? OpenTrainPartner : OpenTrain;
type MethodOf<R extends Row> = R['sdk'] extends `${infer Namespace}.${infer Name}`
  ? Namespace extends keyof ClientOf<R['api']>
    ? Name extends keyof ClientOf<R['api']>[Namespace]
      ? ClientOf<R['api']>[Namespace][Name]
      : 'missing method'
    : 'missing namespace'
  : never;
type PathArgs<Names> = { -readonly [K in keyof Names]: string };
type InputArgs<R extends Row> = R['body'] extends { required: true }
  ? [body: BodyOf<R['operationId']>]
  : R['body'] extends { required: false }
    ? [body?: BodyOf<R['operationId']>]
    : R['queryParams'] extends readonly []
      ? []
      : R['requiredQueryParams'] extends readonly []
        ? [query?: QueryOf<R['operationId']>]
        : [query: QueryOf<R['operationId']>];
type ExpectedArgs<R extends Row> = [...PathArgs<R['pathParams']>, ...InputArgs<R>, options?: RequestOptions];
type ExpectedResult<R extends Row> = R['pagination'] extends null
  ? APIPromise<SuccessOf<R['operationId']>>
  : Paginator<ItemOf<R['operationId']>, SuccessOf<R['operationId']>>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Mismatched = {
  [R in Row as R['operationId']]: MethodOf<R> extends (...args: infer Args) => infer Result
    ? Same<Args, ExpectedArgs<R>> extends true
      ? Same<Result, ExpectedResult<R>> extends true
        ? never
        : `${R['sdk']}: return type`
      : `${R['sdk']}: parameters`
    : `${R['sdk']}: ${MethodOf<R> & string}`;
}[Row['operationId']];

describe('the generated method types', () => {
  it('match the operation table for every operation', () => {
    expectTypeOf<Mismatched>().toBeNever();
  });

  it('come from the spec: items, pages, bodies and queries', () => {
    const client = new OpenTrain({ apiKey: TOKEN, baseUrl: BASE_URL });
    type MyJob = Awaited<ReturnType<typeof client.jobs.listMine>>['jobs'][number];
    expectTypeOf<ItemOf<'listMyJobs'>>().toEqualTypeOf<MyJob>();
    expectTypeOf<ItemOf<'listMyJobs'>>().toHaveProperty('status');
    expectTypeOf(client.jobs.listMine).parameter(0).toEqualTypeOf<QueryOf<'listMyJobs'> | undefined>();
    expectTypeOf<QueryOf<'listMyJobs'>>().toHaveProperty('status');
    expectTypeOf(client.proposals.hire).parameters.toEqualTypeOf<
      [proposalId: string, body: BodyOf<'hireProposal'>, options?: RequestOptions]
    >();
    expectTypeOf<BodyOf<'hireProposal'>>().toHaveProperty('milestone');
    expectTypeOf<BodyOf<'exchangeClaimToken'>>().toHaveProperty('claim_token');
  });
});
