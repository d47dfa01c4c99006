import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionDroppedError, createSandbox, fixedClock, sandboxHandlers } from '../src/index.js';
import { START } from './support.js';

const ORIGIN = 'https://app.opentrain.ai';
const sandbox = createSandbox({ clock: fixedClock(START) });
const server = setupServer(...sandboxHandlers(sandbox, { origin: ORIGIN }));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => sandbox.control.reset());
afterAll(() => server.close());

describe('the sandbox in process under msw', () => {
  it('answers intercepted requests with URLs on the intercepted origin', async () => {
    const response = await fetch(`${ORIGIN}/api/agent/identity`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(200);
    const registration = await response.json();
    expect(registration.claim_endpoint).toBe(`${ORIGIN}/api/agent/identity/claim`);

    const me = await fetch(`${ORIGIN}/api/public/v1/auth/me`, {
      headers: { authorization: `Bearer ${registration.access_token}` },
    });
    expect(me.status).toBe(200);
    expect(me.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('turns a dropped connection into a network error', async () => {
    sandbox.control.injectFault({ path: '/api/agent/identity', fault: { kind: 'drop' } });
    await expect(fetch(`${ORIGIN}/api/agent/identity`, { method: 'POST', body: '{}' })).rejects.toThrow(TypeError);
    expect(Object.keys(sandbox.state.accounts)).toHaveLength(0);
  });

  it('truncates a body so that reading it fails', async () => {
    sandbox.control.injectFault({ path: '/.well-known/oauth-authorization-server', fault: { kind: 'truncate' } });
    const response = await fetch(`${ORIGIN}/.well-known/oauth-authorization-server`);
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow();
  });

  it('rejects a direct fetch-handler call with a TypeError on a dropped connection', async () => {
    sandbox.control.injectFault({ path: '/api/agent/identity', fault: { kind: 'drop' } });
    const call = sandbox.fetch(new Request(`${ORIGIN}/api/agent/identity`, { method: 'POST', body: '{}' }));
    await expect(call).rejects.toBeInstanceOf(ConnectionDroppedError);
    await expect(call).rejects.toBeInstanceOf(TypeError);
  });

  it('seeds scenarios and resets to an empty world through the in-process control plane', async () => {
    const seeded = await sandbox.control.seed('claimed-employer');
    const me = await fetch(`${ORIGIN}/api/public/v1/auth/me`, { headers: { authorization: `Bearer ${seeded.token}` } });
    expect((await me.json()).actor).toMatchObject({ email: 'owner@example.com', fullName: 'Mira Chen' });

    await sandbox.control.reset();
    const after = await fetch(`${ORIGIN}/api/public/v1/auth/me`, {
      headers: { authorization: `Bearer ${seeded.token}` },
    });
    expect(after.status).toBe(401);
  });
});
