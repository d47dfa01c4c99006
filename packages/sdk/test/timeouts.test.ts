import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ClientOptions, ConnectionError, OpenTrain, RequestAbortedError, TimeoutError } from '../src/index.js';
import { BASE_URL, fakeClock, getMe, sendMessage, TOKEN, useMockServer } from './helpers.js';

const server = useMockServer();

// Timers are fake here, so the 60 s default timeout passes without waiting.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.stubEnv('OPENTRAIN_LOG', 'off');
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

// Request validation loads its schemas with a real dynamic import, which fake timers cannot advance; these tests
// are about the timers, so they leave it off.
const untimed = { validateRequests: false };

/** A fetch that never answers but honours its signal, like a server that hangs. */
function hangingFetch(calls: Request[], thenAnswer?: () => Response) {
  return (request: Request) => {
    calls.push(request);
    if (thenAnswer && calls.length > 1) return Promise.resolve(thenAnswer());
    return new Promise<Response>((_, reject) => {
      request.signal.addEventListener('abort', () => reject(request.signal.reason));
    });
  };
}

/** A client whose requests hang until their timer fires (`thenAnswer` answers retries); `calls` records them. */
function hangingClient(options: ClientOptions = {}, thenAnswer?: () => Response) {
  const calls: Request[] = [];
  const api = new OpenTrain({
    ...untimed,
    apiKey: TOKEN,
    baseUrl: BASE_URL,
    fetch: hangingFetch(calls, thenAnswer),
    ...options,
  });
  return { api, calls };
}

function settled(promise: PromiseLike<unknown>) {
  const state = { done: false, value: undefined as unknown };
  Promise.resolve(promise).then(
    (value) => Object.assign(state, { done: true, value }),
    (error) => Object.assign(state, { done: true, value: error }),
  );
  return state;
}

describe('timeouts', () => {
  it('times out an attempt after 60 s by default', async () => {
    const { api } = hangingClient({ maxRetries: 0 });
    const result = settled(api.request(getMe));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(result.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(result.done).toBe(true);
    expect(result.value).toBeInstanceOf(TimeoutError);
    expect(result.value).toBeInstanceOf(ConnectionError);
    expect((result.value as Error).message).toContain('GET /api/public/v1/auth/me timed out after 60000 ms');
  });

  it('takes timeoutMs per request', async () => {
    const { api } = hangingClient({ maxRetries: 0 });
    const result = settled(api.request(getMe, {}, { timeoutMs: 5_000 }));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(result.value).toBeInstanceOf(TimeoutError);
  });

  it('retries a timed-out read', async () => {
    const { api, calls } = hangingClient({ timeoutMs: 1_000, sleep: fakeClock().sleep }, () =>
      Response.json({ ok: true }),
    );
    const result = settled(api.request(getMe));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(result.value).toEqual({ ok: true });
    expect(calls).toHaveLength(2);
  });

  it('does not retry a timed-out non-idempotent write', async () => {
    const { api, calls } = hangingClient({ timeoutMs: 1_000 });
    const result = settled(api.request(sendMessage, { body: { conversationId: 'c1', content: 'hi' } }));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(result.value).toBeInstanceOf(TimeoutError);
    expect(calls).toHaveLength(1);
  });

  it('covers a body that stalls after the headers arrived', async () => {
    const stalled = () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"partial":'));
          },
        }),
        { headers: { 'content-type': 'application/json' } },
      );
    const { api } = hangingClient({ timeoutMs: 2_000, maxRetries: 0, fetch: async () => stalled() });
    const result = settled(api.request(getMe));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(result.value).toBeInstanceOf(TimeoutError);
  });

  it('lets the total budget cut an attempt short', async () => {
    const { api } = hangingClient({ totalTimeoutMs: 3_000 });
    const result = settled(api.request(getMe));
    await vi.advanceTimersByTimeAsync(3_000);
    expect(result.value).toBeInstanceOf(TimeoutError);
    expect((result.value as Error).message).toContain('timed out after 3000 ms');
  });
});

describe('cancellation', () => {
  it('rejects with RequestAbortedError when the caller aborts mid-request, without retrying', async () => {
    const { api, calls } = hangingClient();
    const controller = new AbortController();
    const result = settled(api.request(getMe, {}, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(result.value).toBeInstanceOf(RequestAbortedError);
    expect(calls).toHaveLength(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const { api, calls } = hangingClient();
    await expect(api.request(getMe, {}, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(RequestAbortedError);
    expect(calls).toHaveLength(0);
  });

  it('stops a retry wait when the caller aborts', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE_URL}/api/public/v1/auth/me`, () => {
        calls++;
        return HttpResponse.json({ error: 'busy', code: 'INTERNAL_ERROR', requestId: 'r' }, { status: 503 });
      }),
    );
    const api = new OpenTrain({ ...untimed, apiKey: TOKEN, baseUrl: BASE_URL });
    const controller = new AbortController();
    const result = settled(api.request(getMe, {}, { signal: controller.signal }));
    await vi.waitFor(() => expect(calls).toBe(1));
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(result.value).toBeInstanceOf(RequestAbortedError);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(1);
  });

  it('tells a timeout from an abort when both signals exist', async () => {
    const { api } = hangingClient({ maxRetries: 0 });
    const controller = new AbortController();
    const result = settled(api.request(getMe, {}, { signal: controller.signal, timeoutMs: 500 }));
    await vi.advanceTimersByTimeAsync(500);
    expect(result.value).toBeInstanceOf(TimeoutError);
    expect(controller.signal.aborted).toBe(false);
  });
});
