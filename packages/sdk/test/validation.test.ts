import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OpenTrain, RequestValidationError, ResponseValidationError, type SchemaTable } from '../src/index.js';
import { BASE_URL, getMe, operation, TOKEN, useMockServer } from './helpers.js';

const server = useMockServer();

const hireProposal = operation({
  operationId: 'hireProposal',
  method: 'POST',
  path: '/api/public/v1/proposals/{proposalId}/hire',
  body: { contentType: 'application/json', required: true },
});

const schemas: SchemaTable = {
  hireProposal: {
    path: z.object({ proposalId: z.string().min(1) }),
    body: z.object({
      milestone: z.object({
        name: z.string().optional(),
        amount: z.number().positive(),
        dueDate: z.iso.date().optional(),
      }),
    }),
  },
  getMe: {
    responses: { 200: z.object({ user: z.object({ id: z.string() }) }) },
  },
};

function countRequests() {
  const seen: string[] = [];
  server.events.on('request:start', ({ request }) => {
    seen.push(request.url);
  });
  return seen;
}

const api = (validateResponses = false) =>
  new OpenTrain({ apiKey: TOKEN, baseUrl: BASE_URL, schemas, validateResponses, logLevel: 'off', maxRetries: 0 });

describe('request validation', () => {
  it('names the field and the expectation, and sends nothing', async () => {
    const seen = countRequests();
    const error = await api()
      .request(hireProposal, { path: { proposalId: 'p1' }, body: { milestone: { amount: '300' } } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error).toMatchObject({ field: 'body.milestone.amount' });
    expect((error as RequestValidationError).expectation).toMatch(/expected number/);
    expect((error as Error).message).toMatch(
      /^Invalid request for hireProposal: body\.milestone\.amount: .*expected number/,
    );
    expect(seen).toEqual([]);
  });

  it('lists every problem', async () => {
    const error = (await api()
      .request(hireProposal, { path: { proposalId: 'p1' }, body: { milestone: { amount: -1, dueDate: 'soon' } } })
      .catch((caught: unknown) => caught)) as RequestValidationError;
    expect(error.issues.map((issue) => issue.field)).toEqual(['body.milestone.amount', 'body.milestone.dueDate']);
  });

  it('requires a body the operation requires, even without a schema', async () => {
    const bare = new OpenTrain({ apiKey: TOKEN, baseUrl: BASE_URL });
    await expect(bare.request(hireProposal, { path: { proposalId: 'p1' } })).rejects.toMatchObject({
      name: 'RequestValidationError',
      field: 'body',
      expectation: 'expected a request body (application/json)',
    });
  });

  it('says what each form of a choice wanted, instead of a bare "Invalid input"', async () => {
    const choices: SchemaTable = {
      hireProposal: {
        body: z.object({
          milestone: z.union([z.object({ name: z.string().min(1) }), z.object({ description: z.string().min(1) })]),
          urgent: z.union([z.boolean(), z.literal('1')]),
        }),
      },
    };
    const client = new OpenTrain({ apiKey: TOKEN, baseUrl: BASE_URL, schemas: choices, logLevel: 'off' });
    const error = (await client
      .request(hireProposal, { path: { proposalId: 'p1' }, body: { milestone: {}, urgent: 'yes' } })
      .catch((caught: unknown) => caught)) as RequestValidationError;
    expect(error.issues).toEqual([
      {
        field: 'body.milestone',
        expectation: 'name: expected string, received undefined; or description: expected string, received undefined',
      },
      { field: 'body.urgent', expectation: 'expected boolean, received string; or expected "1"' },
    ]);
  });

  it('reports an empty path parameter once', async () => {
    const error = (await api()
      .request(hireProposal, { path: { proposalId: '' }, body: { milestone: { amount: 1 } } })
      .catch((caught: unknown) => caught)) as RequestValidationError;
    expect(error.issues).toEqual([{ field: 'path.proposalId', expectation: 'expected a non-empty string' }]);
  });

  it('sends a valid request unchanged', async () => {
    server.use(
      http.post(`${BASE_URL}/api/public/v1/proposals/p1/hire`, async ({ request }) =>
        HttpResponse.json({ received: await request.json() }, { status: 202 }),
      ),
    );
    const body = { milestone: { name: 'Batch', amount: 300, extra: 'kept' } };
    await expect(api().request(hireProposal, { path: { proposalId: 'p1' }, body })).resolves.toEqual({
      received: body,
    });
  });
});

describe('response validation', () => {
  const badMe = () =>
    server.use(
      http.get(`${BASE_URL}/api/public/v1/auth/me`, () =>
        HttpResponse.json({ user: { id: 7 } }, { headers: { 'x-request-id': 'rq-9' } }),
      ),
    );

  it('is off by default', async () => {
    badMe();
    await expect(api().request(getMe)).resolves.toEqual({ user: { id: 7 } });
  });

  it('reports the mismatching field when switched on', async () => {
    badMe();
    const error = await api(true)
      .request(getMe)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ field: 'user.id', status: 200, requestId: 'rq-9' });
    expect((error as Error).message).toMatch(
      /^Unexpected 200 response from getMe \(request id rq-9\): user\.id: .*expected string/,
    );
  });

  it('can be switched per request', async () => {
    badMe();
    await expect(api().request(getMe, {}, { validateResponse: true })).rejects.toBeInstanceOf(ResponseValidationError);
    await expect(api(true).request(getMe, {}, { validateResponse: false })).resolves.toBeDefined();
  });
});
