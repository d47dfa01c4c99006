import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  OpenTrain,
  OpenTrainError,
  RequestValidationError,
  ResponseValidationError,
  type SchemaTable,
} from '../src/index.js';
import { BASE_URL, TOKEN, useMockServer } from './helpers.js';

const server = useMockServer();

/** Every URL the client tried to reach. */
function recordRequests() {
  const urls: string[] = [];
  server.events.on('request:start', ({ request }) => {
    urls.push(request.url);
  });
  return urls;
}

const options = { apiKey: TOKEN, baseUrl: BASE_URL, logLevel: 'off' as const, maxRetries: 0 };

describe('request validation, on by default with the generated schemas', () => {
  it('refuses a bad body, naming the field and the expectation, and sends nothing', async () => {
    const urls = recordRequests();
    const api = new OpenTrain(options);
    const error = await api.proposals
      // @ts-expect-error: the amount must be a number; the point is what happens when untyped code gets it wrong.
      .hire('prop_1', { milestone: { name: 'Batch 1', amount: 'three hundred' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error).toMatchObject({ field: 'body.milestone.amount' });
    expect((error as RequestValidationError).expectation).toMatch(/expected number/);
    expect((error as Error).message).toMatch(/^Invalid request for hireProposal: body\.milestone\.amount: .*number/);
    expect(urls).toEqual([]);
  });

  it('checks query parameters and path parameters too', async () => {
    const urls = recordRequests();
    const api = new OpenTrain(options);
    // A paginator is awaitable like a promise, `.catch` included.
    const error = await api.jobs.listMine({ limit: 500 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'RequestValidationError', field: 'query.limit' });
    await expect(api.jobs.get('')).rejects.toMatchObject({ field: 'path.jobId' });
    expect(urls).toEqual([]);
  });

  it('sends a valid call unchanged', async () => {
    server.use(
      http.post(`${BASE_URL}/api/public/v1/messages`, async ({ request }) =>
        HttpResponse.json({ echoed: await request.json() }, { status: 201 }),
      ),
    );
    const api = new OpenTrain(options);
    await expect(api.messages.send({ conversationId: 'conv_1', content: 'Hello' })).resolves.toEqual({
      echoed: { conversationId: 'conv_1', content: 'Hello' },
    });
  });

  it('can be turned off, after which the server is the judge', async () => {
    const urls = recordRequests();
    server.use(
      http.get(`${BASE_URL}/api/public/v1/jobs/mine`, () =>
        HttpResponse.json({ error: 'limit too large', code: 'VALIDATION_ERROR', requestId: 'r1' }, { status: 400 }),
      ),
    );
    const api = new OpenTrain({ ...options, validateRequests: false });
    await expect(api.jobs.listMine({ limit: 500 })).rejects.toMatchObject({ name: 'BadRequestError', status: 400 });
    expect(urls).toEqual([`${BASE_URL}/api/public/v1/jobs/mine?limit=500`]);
  });

  it('checks responses only when asked', async () => {
    server.use(http.get(`${BASE_URL}/api/public/v1/auth/me`, () => HttpResponse.json({ unexpected: true })));
    await expect(new OpenTrain(options).auth.me()).resolves.toEqual({ unexpected: true });
    const strict = new OpenTrain({ ...options, validateResponses: true });
    await expect(strict.auth.me()).rejects.toBeInstanceOf(ResponseValidationError);
  });
});

describe('loading the schemas', () => {
  const table: SchemaTable = { getMe: { responses: { 200: z.object({ tokenId: z.string() }) } } };

  it('happens once, on the first request, and never when nothing is validated', async () => {
    server.use(http.get(`${BASE_URL}/api/public/v1/auth/me`, () => HttpResponse.json({ tokenId: 't1' })));
    let loads = 0;
    const schemas = async () => {
      loads++;
      return table;
    };
    const api = new OpenTrain({ ...options, schemas });
    expect(loads).toBe(0);
    await api.auth.me();
    await api.auth.me();
    expect(loads).toBe(1);

    const unchecked = new OpenTrain({ ...options, schemas, validateRequests: false });
    await unchecked.auth.me();
    expect(loads).toBe(1);
  });

  it('reports a schema module that cannot load (zod missing) clearly, sending nothing', async () => {
    const urls = recordRequests();
    const missingZod = Object.assign(new Error("Cannot find package 'zod'"), { code: 'ERR_MODULE_NOT_FOUND' });
    const api = new OpenTrain({ ...options, schemas: () => Promise.reject(missingZod) });
    const error = await api.auth.me().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenTrainError);
    expect((error as Error).message).toContain('ERR_MODULE_NOT_FOUND');
    expect((error as Error).message).toContain('install it, or pass validateRequests: false');
    expect(urls).toEqual([]);
  });
});
