import { describe, expect, it } from 'vitest';
import { callJson, register, seed, startTestSandbox } from './support.js';

async function injectFault(base: string, rule: Record<string, unknown>) {
  const response = await callJson(base, 'POST', '/_sandbox/faults', { body: rule });
  expect(response.status).toBe(201);
  return response.body.fault;
}

describe('fault injection over HTTP', () => {
  it('answers 429 with Retry-After for the next N matching requests, then recovers', async () => {
    const { url } = await startTestSandbox();
    const { token } = await seed(url, 'claimed-employer');
    await injectFault(url, {
      path: '/api/public/v1/auth/*',
      method: 'GET',
      times: 2,
      fault: { kind: 'rate_limit', retryAfterSeconds: 7 },
    });

    for (let i = 0; i < 2; i++) {
      const limited = await callJson(url, 'GET', '/api/public/v1/auth/me', { token });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('7');
      expect(limited.body).toEqual({
        error: expect.any(String),
        code: 'RATE_LIMITED',
        requestId: limited.headers.get('x-request-id'),
      });
    }
    // The method filter leaves other methods alone, and the rule is used up after two hits.
    expect((await callJson(url, 'GET', '/api/public/v1/auth/me', { token })).status).toBe(200);
    expect((await callJson(url, 'GET', '/_sandbox/faults')).body.faults).toEqual([]);
  });

  it('uses the OAuth shape for a rate-limited agent-auth endpoint', async () => {
    const { url } = await startTestSandbox();
    await injectFault(url, { path: '/api/agent/identity', fault: { kind: 'rate_limit' } });
    const limited = await callJson(url, 'POST', '/api/agent/identity', { body: {} });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.body).toEqual({ error: 'rate_limit_exceeded', error_description: expect.any(String) });
  });

  it('answers 500 with the error envelope and 502/503 with a gateway page', async () => {
    const { url } = await startTestSandbox();
    await injectFault(url, { path: '/.well-known/*', times: 1, fault: { kind: 'error', status: 500 } });
    const internal = await callJson(url, 'GET', '/.well-known/oauth-protected-resource');
    expect(internal.status).toBe(500);
    expect(internal.body).toMatchObject({ code: 'INTERNAL_ERROR', requestId: internal.headers.get('x-request-id') });

    await injectFault(url, { path: '/.well-known/*', fault: { kind: 'error', status: 502 } });
    await injectFault(url, { path: '/.well-known/*', fault: { kind: 'error', status: 503, retryAfterSeconds: 30 } });
    const badGateway = await fetch(`${url}/.well-known/oauth-protected-resource`);
    expect(badGateway.status).toBe(502);
    expect(badGateway.headers.get('content-type')).toContain('text/html');
    expect(await badGateway.text()).toContain('502 Bad Gateway');
    const unavailable = await fetch(`${url}/.well-known/oauth-protected-resource`);
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('30');
    await unavailable.arrayBuffer();
    expect((await fetch(`${url}/.well-known/oauth-protected-resource`)).status).toBe(200);
  });

  it('delays a request through the injected sleep, then answers it normally', async () => {
    const sleeps: number[] = [];
    const { url } = await startTestSandbox({
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    await injectFault(url, { path: '/.well-known/oauth-authorization-server', fault: { kind: 'delay', ms: 2500 } });
    const delayed = await callJson(url, 'GET', '/.well-known/oauth-authorization-server');
    expect(delayed.status).toBe(200);
    expect(delayed.body.issuer).toBe(url);
    expect(sleeps).toEqual([2500]);
  });

  it('stops waiting on a delayed request when the client gives up', async () => {
    let sawAbort: () => void = () => {};
    const serverAborted = new Promise<void>((resolve) => {
      sawAbort = resolve;
    });
    let sleeping: () => void = () => {};
    const sleepStarted = new Promise<void>((resolve) => {
      sleeping = resolve;
    });
    const { url } = await startTestSandbox({
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => {
          sleeping();
          signal.addEventListener('abort', () => {
            sawAbort();
            reject(signal.reason);
          });
        }),
    });
    await injectFault(url, { path: '/api/agent/identity', fault: { kind: 'delay', ms: 60_000 } });

    const client = new AbortController();
    const request = fetch(`${url}/api/agent/identity`, { method: 'POST', body: '{}', signal: client.signal });
    await sleepStarted;
    client.abort();
    await expect(request).rejects.toThrow(/abort/i);
    await serverAborted;
    // The abandoned registration never happened.
    expect((await callJson(url, 'POST', '/api/agent/identity', { body: {} })).status).toBe(200);
  });

  it('drops the connection before the request takes effect', async () => {
    const { url, sandbox } = await startTestSandbox();
    await injectFault(url, { path: '/api/agent/identity', fault: { kind: 'drop' } });
    const dropped = fetch(`${url}/api/agent/identity`, { method: 'POST', body: '{}' });
    await expect(dropped).rejects.toThrow(TypeError);
    await expect(dropped).rejects.toMatchObject({ cause: expect.objectContaining({ code: expect.any(String) }) });
    expect(Object.keys(sandbox.state.accounts)).toHaveLength(0);
  });

  it('drops the connection after the request took effect when asked to', async () => {
    const { url, sandbox } = await startTestSandbox();
    await injectFault(url, { path: '/api/agent/identity', fault: { kind: 'drop', afterHandling: true } });
    await expect(fetch(`${url}/api/agent/identity`, { method: 'POST', body: '{}' })).rejects.toThrow(TypeError);
    expect(Object.keys(sandbox.state.accounts)).toHaveLength(1);
  });

  it('truncates the body: the real status and headers arrive, reading the body fails', async () => {
    const { url } = await startTestSandbox();
    const { access_token } = await register(url);
    await injectFault(url, { path: '/api/public/v1/auth/me', fault: { kind: 'truncate' } });
    const response = await fetch(`${url}/api/public/v1/auth/me`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(100);
    await expect(response.text()).rejects.toThrow(TypeError);

    const whole = await callJson(url, 'GET', '/api/public/v1/auth/me', { token: access_token });
    expect(whole.status).toBe(200);
  });

  it('names the field at fault when a rule is malformed, and leaves the control plane itself unfaulted', async () => {
    const { url } = await startTestSandbox();
    const badKind = await callJson(url, 'POST', '/_sandbox/faults', { body: { path: '/x', fault: { kind: 'boom' } } });
    expect([badKind.status, badKind.body.details]).toEqual([400, { field: 'fault.kind' }]);
    const badStatus = await callJson(url, 'POST', '/_sandbox/faults', {
      body: { path: '/x', fault: { kind: 'error', status: 418 } },
    });
    expect(badStatus.body.details).toEqual({ field: 'fault.status' });
    const badPath = await callJson(url, 'POST', '/_sandbox/faults', { body: { path: 'x', fault: { kind: 'drop' } } });
    expect(badPath.body.details).toEqual({ field: 'path' });

    await injectFault(url, { path: '/*', times: 5, fault: { kind: 'error', status: 503 } });
    expect((await callJson(url, 'GET', '/_sandbox/faults')).body.faults).toHaveLength(1);
    expect((await callJson(url, 'DELETE', '/_sandbox/faults')).body.faults).toEqual([]);
    expect((await fetch(`${url}/.well-known/oauth-protected-resource`)).status).toBe(200);
  });
});
