import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  OAuthError,
  OpenTrain,
  OpenTrainError,
  PermissionDeniedError,
  RateLimitError,
} from '../src/index.js';
import { BASE_URL, getMe, operation, TOKEN, useMockServer } from './helpers.js';

const server = useMockServer();
const api = new OpenTrain({ apiKey: TOKEN, baseUrl: BASE_URL, maxRetries: 0, logLevel: 'off' });

function answer(response: () => Response, path = '/api/public/v1/auth/me') {
  server.use(http.all(`${BASE_URL}${path}`, response));
}

async function failure(call: PromiseLike<unknown> = api.request(getMe)): Promise<Error> {
  try {
    await call;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

const envelope = (code: string, extra: Record<string, unknown> = {}) => ({
  error: `something about ${code}`,
  code,
  requestId: '9d1f3a8e-0000-4000-8000-000000000001',
  ...extra,
});

describe('the Public API error envelope', () => {
  it.each([
    [400, 'BAD_REQUEST', BadRequestError],
    [401, 'UNAUTHORIZED', AuthenticationError],
    [403, 'FORBIDDEN', PermissionDeniedError],
    [404, 'NOT_FOUND', NotFoundError],
    [409, 'CONFLICT', ConflictError],
    [429, 'RATE_LIMITED', RateLimitError],
    [500, 'INTERNAL_ERROR', InternalServerError],
  ])('maps %i %s to %o', async (status, code, ErrorClass) => {
    answer(() => HttpResponse.json(envelope(code, { details: { reason: 'some_reason' } }), { status }));
    const error = await failure();
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(OpenTrainError);
    expect(error).toMatchObject({
      name: ErrorClass.name,
      status,
      code,
      reason: 'some_reason',
      details: { reason: 'some_reason' },
      requestId: '9d1f3a8e-0000-4000-8000-000000000001',
    });
    expect((error as APIError).headers.get('content-type')).toContain('application/json');
    expect(error.message).toBe(
      `${status} ${code} some_reason: something about ${code} (GET /api/public/v1/auth/me, request id 9d1f3a8e-0000-4000-8000-000000000001)`,
    );
  });

  it('keeps other statuses as a plain APIError', async () => {
    answer(() => HttpResponse.json(envelope('TEAPOT'), { status: 418 }));
    const error = await failure();
    expect(error.constructor).toBe(APIError);
    expect(error).toMatchObject({ status: 418, code: 'TEAPOT' });
  });

  it('says when the account must be claimed, and where', async () => {
    answer(() =>
      HttpResponse.json(
        {
          error: 'A human must claim this agent account before it can hire AI trainers.',
          code: 'FORBIDDEN',
          requestId: 'r1',
          details: {
            reason: 'account_claim_required',
            action: 'hire AI trainers',
            claimUrl: 'https://app.opentrain.ai/claim',
          },
        },
        { status: 403 },
      ),
    );
    const error = (await failure()) as PermissionDeniedError;
    expect(error.claimRequired).toBe(true);
    expect(error.claimUrl).toBe('https://app.opentrain.ai/claim');
    expect(error.missingScopes).toEqual([]);
  });

  it('lists the missing scopes, counting :write as covering :read', async () => {
    answer(() =>
      HttpResponse.json(
        envelope('FORBIDDEN', {
          details: { requiredScopes: ['jobs:read', 'payments:write'], grantedScopes: ['jobs:write', 'payments:read'] },
        }),
        { status: 403 },
      ),
    );
    const error = (await failure()) as PermissionDeniedError;
    expect(error.claimRequired).toBe(false);
    expect(error.missingScopes).toEqual(['payments:write']);
  });

  it('names a disabled feature', async () => {
    answer(() =>
      HttpResponse.json(envelope('FORBIDDEN', { details: { featureKey: 'public_api_credits' } }), { status: 403 }),
    );
    expect(await failure()).toMatchObject({ featureKey: 'public_api_credits' });
  });

  it('reads Retry-After into RateLimitError.retryAfter', async () => {
    answer(() =>
      HttpResponse.json(envelope('RATE_LIMITED', { details: { limit: 3, windowHours: 24 } }), {
        status: 429,
        headers: { 'Retry-After': '30' },
      }),
    );
    expect(await failure()).toMatchObject({ retryAfter: 30, details: { limit: 3, windowHours: 24 } });
  });

  it('takes the request id from the header when the body has none', async () => {
    answer(() => HttpResponse.json({ error: 'gone' }, { status: 404, headers: { 'x-request-id': 'hdr-7' } }));
    expect(await failure()).toMatchObject({ requestId: 'hdr-7', code: undefined });
  });
});

describe('the OAuth shape of /api/agent', () => {
  const identity = operation({ method: 'POST', path: '/api/agent/identity', tokenless: true, idempotent: false });

  it('becomes an OAuthError with error and errorDescription', async () => {
    answer(
      () =>
        HttpResponse.json({ error: 'invalid_request', error_description: 'email_already_registered' }, { status: 400 }),
      '/api/agent/identity',
    );
    const error = await failure(api.request(identity, { body: {} }));
    expect(error).toBeInstanceOf(OAuthError);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({
      status: 400,
      error: 'invalid_request',
      errorDescription: 'email_already_registered',
      code: 'invalid_request',
    });
    expect(error.message).toContain('email_already_registered');
  });

  it('accepts a bare { error } without a description', async () => {
    answer(() => HttpResponse.json({ error: 'anonymous_not_enabled' }, { status: 403 }), '/api/agent/identity');
    const error = await failure(api.request(identity, { body: {} }));
    expect(error).toMatchObject({ name: 'OAuthError', error: 'anonymous_not_enabled', errorDescription: undefined });
  });
});

describe('bodies that are not the expected JSON', () => {
  it('sums up an HTML error page by its title instead of quoting its markup', async () => {
    const page =
      '<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body { margin: 0 }</style></head>' +
      '<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
    answer(() => new HttpResponse(page, { status: 502, headers: { 'content-type': 'text/html' } }));
    const error = await failure();
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toBe(
      '502: the server sent an HTML page instead of JSON (check the base URL, or a proxy in between): 502 Bad Gateway ' +
        '(GET /api/public/v1/auth/me)',
    );
  });

  it('sums up an HTML page without a title by its text, leaving out tags, scripts and styles', async () => {
    const page =
      '<html><head><script>window.boot({ debug: true })</script></head>' +
      '<body><h1>Service unavailable</h1>\n<p>Back <b>soon</b>.</p></body></html>';
    answer(() => new HttpResponse(page, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } }));
    const error = await failure();
    expect(error.message).toContain(
      'instead of JSON (check the base URL, or a proxy in between): Service unavailable Back soon .',
    );
    expect(error.message).not.toMatch(/[<>]|boot|debug/);
  });

  it('explains an empty error body', async () => {
    answer(() => new HttpResponse(null, { status: 503 }));
    const error = await failure();
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toContain('the response body was empty');
  });

  it('explains a truncated error body', async () => {
    answer(
      () =>
        new HttpResponse('{"error":"bad input","code":"BAD_REQ', {
          status: 400,
          headers: { 'content-type': 'application/json' },
        }),
    );
    const error = await failure();
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.message).toContain('not valid JSON (it may have been cut off)');
  });

  it.each([
    ['an HTML page', '<html><body>Sign in</body></html>', 'text/html', 'HTML page instead of JSON'],
    ['a truncated body', '{"user":{"id":"u1","na', 'application/json', 'not valid JSON'],
    ['an empty body', '', 'application/json', 'the response body was empty'],
  ])('turns a 200 with %s into an APIError, not a SyntaxError', async (_, body, contentType, expected) => {
    answer(() => new HttpResponse(body, { status: 200, headers: { 'content-type': contentType } }));
    const error = await failure();
    expect(error).toBeInstanceOf(APIError);
    expect(error).not.toBeInstanceOf(SyntaxError);
    expect(error).toMatchObject({ status: 200 });
    expect(error.message).toContain(expected);
  });

  it('accepts 204 with no body', async () => {
    answer(() => new HttpResponse(null, { status: 204 }));
    await expect(api.request(getMe)).resolves.toBeUndefined();
  });
});

/** A response whose headers arrive but whose body breaks off after `half`, as undici reports a closed socket. */
function cutOffResponse(half: string, init: ResponseInit): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(half));
      const socket = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
      controller.error(new TypeError('terminated', { cause: socket }));
    },
  });
  return new Response(body, init);
}

describe('bodies cut off mid-read', () => {
  it('says the status arrived and the body was cut off, with the status and request id', async () => {
    const client = new OpenTrain({
      apiKey: TOKEN,
      baseUrl: BASE_URL,
      maxRetries: 0,
      logLevel: 'off',
      fetch: async () =>
        cutOffResponse('{"user":{"id":"u1","na', { status: 200, headers: { 'x-request-id': 'req_cut_1' } }),
    });
    const error = await failure(client.request(getMe));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ status: 200, requestId: 'req_cut_1' });
    expect(error.message).toBe(
      'GET /api/public/v1/auth/me failed: the server answered 200, then the connection was cut off mid-body ' +
        '(UND_ERR_SOCKET, request id req_cut_1)',
    );
  });

  it('reports an error body cut off the same way, rather than as a lost connection', async () => {
    const client = new OpenTrain({
      apiKey: TOKEN,
      baseUrl: BASE_URL,
      maxRetries: 0,
      logLevel: 'off',
      fetch: async () => cutOffResponse('{"error":"Service unava', { status: 503 }),
    });
    const error = await failure(client.request(getMe));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ status: 503, requestId: undefined });
    expect(error.message).toBe(
      'GET /api/public/v1/auth/me failed: the server answered 503, then the connection was cut off mid-body (UND_ERR_SOCKET)',
    );
  });

  it('leaves status and request id unset when no response arrived at all', async () => {
    const client = new OpenTrain({
      apiKey: TOKEN,
      baseUrl: BASE_URL,
      maxRetries: 0,
      logLevel: 'off',
      fetch: async () => {
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) });
      },
    });
    const error = await failure(client.request(getMe));
    expect(error).toMatchObject({ name: 'ConnectionError', status: undefined, requestId: undefined });
    expect(error.message).toBe(`GET /api/public/v1/auth/me failed: lost the connection to ${BASE_URL} (ECONNRESET)`);
  });
});

describe('secrets in error messages', () => {
  it('redacts tokens and secrets the server echoes back', async () => {
    answer(() =>
      HttpResponse.json(
        envelope('UNAUTHORIZED', {
          error: `Token ${TOKEN} was revoked; webhook secret whsec_abcDEF123 and ot_clm_xyz789`,
        }),
        { status: 401 },
      ),
    );
    const error = await failure();
    expect(error.message).not.toContain('s3cretvalue');
    expect(error.message).not.toContain('abcDEF123');
    expect(error.message).not.toContain('xyz789');
    expect(error.message).toContain('ot_pat_***');
    expect(error.message).toContain('whsec_***');
  });

  it('redacts an HTML page that reflects the Authorization header', async () => {
    answer(
      () =>
        new HttpResponse(`<html><pre>Authorization: Bearer ${TOKEN}</pre></html>`, {
          status: 500,
          headers: { 'content-type': 'text/html' },
        }),
    );
    const error = await failure();
    expect(error.message).not.toContain('s3cretvalue');
    expect(String(error.stack)).not.toContain('s3cretvalue');
  });
});
