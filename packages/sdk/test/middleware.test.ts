import type { Middleware } from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { ConnectionError, OpenTrain } from '../src/index.js';
import { BASE_URL, getJob, getMe, TOKEN } from './helpers.js';

/** A client over a fetch that records what reaches it and answers with `answer`. */
function clientWith(middleware: Middleware[], answer: (request: Request) => Promise<Response> | Response) {
  const fetched: Request[] = [];
  const client = new OpenTrain({
    apiKey: TOKEN,
    baseUrl: BASE_URL,
    logLevel: 'off',
    maxRetries: 0,
    fetch: async (request) => {
      fetched.push(request);
      return answer(request);
    },
    middleware,
  });
  return { client, fetched };
}

describe('openapi-fetch middleware', () => {
  it('runs onRequest first to last and onResponse last to first, around one fetch', async () => {
    const order: string[] = [];
    const tag = (name: string): Middleware => ({
      onRequest({ request }) {
        order.push(`${name}.onRequest`);
        request.headers.append('x-trace', name);
      },
      onResponse() {
        order.push(`${name}.onResponse`);
      },
    });
    const { client, fetched } = clientWith([tag('outer'), tag('inner')], () => Response.json({ ok: true }));

    await expect(client.request(getMe)).resolves.toEqual({ ok: true });

    expect(order).toEqual(['outer.onRequest', 'inner.onRequest', 'inner.onResponse', 'outer.onResponse']);
    expect(fetched.map((request) => request.headers.get('x-trace'))).toEqual(['outer, inner']);
  });

  it('gives each hook the schema path, the params, a request id and the client options', async () => {
    const seen: unknown[] = [];
    const middleware: Middleware = {
      onRequest({ schemaPath, params, id, options }) {
        seen.push({ schemaPath, params, id, baseUrl: options.baseUrl, parseAs: options.parseAs });
      },
    };
    const { client } = clientWith([middleware], () => Response.json({}));

    await client.request(getJob, { path: { jobId: 'j 1' }, query: { expand: 'owner' } });

    expect(seen).toEqual([
      {
        schemaPath: '/api/public/v1/jobs/{jobId}',
        params: { path: { jobId: 'j 1' }, query: { expand: 'owner' } },
        id: expect.stringMatching(/^[0-9a-z]+$/),
        baseUrl: BASE_URL,
        parseAs: 'stream',
      },
    ]);
  });

  it('lets onRequest replace the request, or answer it without fetching', async () => {
    const rewrite: Middleware = {
      onRequest: ({ request }) => new Request(request.url.replace('/auth/me', '/auth/me?via=middleware'), request),
    };
    const rewritten = clientWith([rewrite], (request) => Response.json({ url: request.url }));
    await expect(rewritten.client.request(getMe)).resolves.toEqual({
      url: `${BASE_URL}/api/public/v1/auth/me?via=middleware`,
    });

    const cached: Middleware = {
      onRequest: () => Response.json({ cached: true }),
      onResponse: () => {
        throw new Error('onResponse must not run for an answer made by onRequest');
      },
    };
    const answered = clientWith([cached], () => Response.json({ cached: false }));
    await expect(answered.client.request(getMe)).resolves.toEqual({ cached: true });
    expect(answered.fetched).toHaveLength(0);
  });

  it('lets onResponse replace the response', async () => {
    const wrap: Middleware = {
      async onResponse({ response }) {
        return Response.json({ wrapped: await response.json() });
      },
    };
    const { client } = clientWith([wrap], () => Response.json({ id: 'u1' }));
    await expect(client.request(getMe)).resolves.toEqual({ wrapped: { id: 'u1' } });
  });

  it('lets onError recover from a failed fetch with a response, or replace the error', async () => {
    const offline = () => Promise.reject(new TypeError('fetch failed'));

    const fallback: Middleware = { onError: () => Response.json({ offline: true }) };
    await expect(clientWith([fallback], offline).client.request(getMe)).resolves.toEqual({ offline: true });

    const relabel: Middleware = { onError: ({ error }) => new Error('relabelled', { cause: error }) };
    const error = await clientWith([relabel], offline)
      .client.request(getMe)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).cause).toMatchObject({ message: 'relabelled' });
  });

  it('refuses an entry that is not middleware when the client is made', () => {
    const notMiddleware = [{ onResponse: () => undefined }, { before: () => undefined }] as unknown as Middleware[];
    expect(() => new OpenTrain({ apiKey: TOKEN, middleware: notMiddleware })).toThrow(
      /Middleware must be an object with one of `onRequest\(\)`, `onResponse\(\)? or `onError\(\)`/,
    );
  });
});
