import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  MissingTokenError,
  OpenTrain,
  OpenTrainError,
  OpenTrainPartner,
  RequestValidationError,
} from '../src/index.js';
import { BASE_URL, getJob, getMe, operation, searchJobs, sendMessage, TOKEN, useMockServer } from './helpers.js';

const server = useMockServer();

afterEach(() => {
  vi.unstubAllEnvs();
});

function captureRequests() {
  const requests: Request[] = [];
  server.events.on('request:start', ({ request }) => {
    requests.push(request.clone());
  });
  return requests;
}

describe('auth', () => {
  it('sends the apiKey option as a bearer token', async () => {
    server.use(
      http.get(`${BASE_URL}/api/public/v1/auth/me`, ({ request }) =>
        HttpResponse.json({ auth: request.headers.get('authorization') }),
      ),
    );
    const client = new OpenTrain({ apiKey: TOKEN, baseUrl: BASE_URL });
    await expect(client.request(getMe)).resolves.toEqual({ auth: `Bearer ${TOKEN}` });
  });

  it('reads OPENTRAIN_API_TOKEN before OT_API_TOKEN, at request time', async () => {
    server.use(
      http.get(`${BASE_URL}/api/public/v1/auth/me`, ({ request }) =>
        HttpResponse.json({ auth: request.headers.get('authorization') }),
      ),
    );
    const client = new OpenTrain({ baseUrl: BASE_URL });
    vi.stubEnv('OPENTRAIN_API_TOKEN', '');
    vi.stubEnv('OT_API_TOKEN', 'ot_pat_short_name');
    await expect(client.request(getMe)).resolves.toEqual({ auth: 'Bearer ot_pat_short_name' });
    vi.stubEnv('OPENTRAIN_API_TOKEN', 'ot_pat_long_name');
    await expect(client.request(getMe)).resolves.toEqual({ auth: 'Bearer ot_pat_long_name' });
  });

  it('sends no Authorization header on tokenless operations', async () => {
    server.use(
      http.get(`${BASE_URL}/api/public/v1/jobs`, ({ request }) =>
        HttpResponse.json({ hasAuth: request.headers.has('authorization') }),
      ),
    );
    const client = new OpenTrain({ apiKey: TOKEN, baseUrl: BASE_URL });
    await expect(client.request(searchJobs)).resolves.toEqual({ hasAuth: false });
  });

  it('refuses an authenticated operation without a token, sending nothing', async () => {
    const requests = captureRequests();
    vi.stubEnv('OPENTRAIN_API_TOKEN', '');
    vi.stubEnv('OT_API_TOKEN', '');
    const client = new OpenTrain({ baseUrl: BASE_URL });
    const error = await client.request(getMe).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MissingTokenError);
    expect((error as Error).message).toContain('OPENTRAIN_API_TOKEN');
    expect(requests).toHaveLength(0);
  });

  it('apiKey: null never falls back to the environment', async () => {
    vi.stubEnv('OPENTRAIN_API_TOKEN', TOKEN);
    const client = new OpenTrain({ apiKey: null, baseUrl: BASE_URL });
    await expect(client.request(getMe)).rejects.toBeInstanceOf(MissingTokenError);
  });

  it('the partner client reads its own variable, not the Public API token', async () => {
    server.use(
      http.get(`${BASE_URL}/api/partner/v1/installs/current`, ({ request }) =>
        HttpResponse.json({ auth: request.headers.get('authorization') }),
      ),
    );
    vi.stubEnv('OPENTRAIN_API_TOKEN', TOKEN);
    vi.stubEnv('OPENTRAIN_PARTNER_TOKEN', 'ot_ptk_partner');
    const install = operation({ api: 'partner', path: '/api/partner/v1/installs/current' });
    const client = new OpenTrainPartner({ baseUrl: BASE_URL });
    await expect(client.request(install)).resolves.toEqual({ auth: 'Bearer ot_ptk_partner' });
    await expect(new OpenTrain({ apiKey: TOKEN, baseUrl: BASE_URL }).request(install)).rejects.toThrow(
      /belongs to the partner API/,
    );
  });
});

describe('base URL', () => {
  it('defaults to production', () => {
    vi.stubEnv('OPENTRAIN_API_BASE_URL', '');
    vi.stubEnv('OT_API_BASE_URL', '');
    expect(new OpenTrain().baseUrl).toBe('https://app.opentrain.ai');
  });

  it('takes the option over the environment and drops a trailing slash', () => {
    vi.stubEnv('OPENTRAIN_API_BASE_URL', 'http://127.0.0.1:4010');
    expect(new OpenTrain().baseUrl).toBe('http://127.0.0.1:4010');
    expect(new OpenTrain({ baseUrl: 'http://localhost:3000/' }).baseUrl).toBe('http://localhost:3000');
  });

  it('rejects a base URL that is not http(s)', () => {
    expect(() => new OpenTrain({ baseUrl: 'app.opentrain.ai' })).toThrow(/absolute http\(s\) URL/);
    expect(() => new OpenTrain({ baseUrl: 'ftp://app.opentrain.ai' })).toThrow(OpenTrainError);
  });
});

describe('building requests from an operation row', () => {
  it('fills and encodes path parameters and serialises the query', async () => {
    const requests = captureRequests();
    server.use(
      http.get(`${BASE_URL}/api/public/v1/jobs/:jobId`, ({ params }) => HttpResponse.json({ id: params.jobId })),
    );
    const client = new OpenTrain({ apiKey: TOKEN, baseUrl: BASE_URL });
    await expect(
      client.request(getJob, { path: { jobId: 'job 1/2' }, query: { expand: ['a', 'b'], skip: undefined } }),
    ).resolves.toEqual({ id: 'job 1/2' });
    expect(requests[0]?.url).toBe(`${BASE_URL}/api/public/v1/jobs/job%201%2F2?expand=a&expand=b`);
  });

  it('encodes query values the way openapi-fetch does: %20 for spaces, repeated names, name[key] for objects', async () => {
    const urls: string[] = [];
    const client = new OpenTrain({
      apiKey: TOKEN,
      baseUrl: BASE_URL,
      validateRequests: false,
      fetch: async (request) => {
        urls.push(request.url);
        return Response.json({ jobs: [], nextCursor: null });
      },
    });
    const query = { q: 'bounding boxes & más', limit: 20, remote: true, none: null, tags: [], range: { min: 5 } };
    await client.request(searchJobs, { query });
    expect(urls).toEqual([
      `${BASE_URL}/api/public/v1/jobs?q=bounding%20boxes%20%26%20m%C3%A1s&limit=20&remote=true&range[min]=5`,
    ]);
  });

  it('sends JSON bodies with their content type', async () => {
    server.use(
      http.post(`${BASE_URL}/api/public/v1/messages`, async ({ request }) =>
        HttpResponse.json(
          { contentType: request.headers.get('content-type'), body: await request.json() },
          { status: 201 },
        ),
      ),
    );
    const client = new OpenTrain({ apiKey: TOKEN, baseUrl: BASE_URL });
    await expect(client.request(sendMessage, { body: { conversationId: 'c1', content: 'hi' } })).resolves.toEqual({
      contentType: 'application/json',
      body: { conversationId: 'c1', content: 'hi' },
    });
  });

  it('names a missing path parameter instead of sending a broken URL', async () => {
    const requests = captureRequests();
    const client = new OpenTrain({ apiKey: TOKEN, baseUrl: BASE_URL });
    const error = await client.request(getJob, { path: {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error).toMatchObject({ field: 'path.jobId', expectation: 'expected a non-empty string' });
    expect(requests).toHaveLength(0);
  });

  it('exposes the raw response and request id through withResponse()', async () => {
    server.use(
      http.get(`${BASE_URL}/api/public/v1/auth/me`, () =>
        HttpResponse.json({ ok: true }, { headers: { 'x-request-id': 'req_42' } }),
      ),
    );
    const client = new OpenTrain({ apiKey: TOKEN, baseUrl: BASE_URL });
    const { data, response, requestId } = await client.request(getMe).withResponse();
    expect(data).toEqual({ ok: true });
    expect(response.status).toBe(200);
    expect(requestId).toBe('req_42');
  });

  it('uses an injected fetch and runs openapi-fetch middleware', async () => {
    const seen: string[] = [];
    const client = new OpenTrain({
      apiKey: TOKEN,
      baseUrl: BASE_URL,
      fetch: async (request) => {
        seen.push(`${request.method} ${new URL(request.url).pathname} ${request.headers.get('x-trace')}`);
        return Response.json({ via: 'injected' });
      },
      middleware: [
        {
          onRequest({ request }) {
            request.headers.set('x-trace', 't-1');
            return request;
          },
        },
      ],
    });
    await expect(client.request(getMe)).resolves.toEqual({ via: 'injected' });
    expect(seen).toEqual(['GET /api/public/v1/auth/me t-1']);
  });
});
