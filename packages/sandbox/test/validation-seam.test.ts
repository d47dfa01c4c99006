import { operations } from '@opentrain-ai/sdk/schemas';
import { describe, expect, it } from 'vitest';
import { contractValidation, createSandbox, fixedClock, type OperationValidation } from '../src/index.js';
import { START } from './support.js';

const BASE = 'http://sandbox.test';

describe('the operation validation seam', () => {
  it('runs one middleware per documented operation, with its operationId, around the handler', async () => {
    const seen: string[] = [];
    // A custom seam adds its own rule and keeps the contract validation the handlers rely on.
    const contract = contractValidation();
    const validation: OperationValidation = async (c, next) => {
      const { operationId } = c.var.operation;
      if (operationId === 'createToken') {
        const body = await c.req.json();
        if (typeof body.name === 'number') {
          return c.json({ error: 'name must be a string', code: 'BAD_REQUEST', requestId: c.var.requestId }, 400);
        }
      }
      await contract(c, next);
      seen.push(`${operationId} ${c.res.status}`);
    };
    const sandbox = createSandbox({ clock: fixedClock(START), validation });
    const { token } = await sandbox.control.seed('claimed-employer');
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    const refused = await sandbox.fetch(
      new Request(`${BASE}/api/public/v1/tokens`, { method: 'POST', headers: auth, body: '{"name":7}' }),
    );
    expect(refused.status).toBe(400);
    // The handler still reads the body the middleware already parsed.
    const created = await sandbox.fetch(
      new Request(`${BASE}/api/public/v1/tokens`, { method: 'POST', headers: auth, body: '{"name":"ok"}' }),
    );
    expect(created.status).toBe(201);
    await sandbox.fetch(new Request(`${BASE}/api/public/v1/tokens/tok_missing`, { method: 'DELETE', headers: auth }));
    await sandbox.fetch(new Request(`${BASE}/claim`));

    // Handler errors reach the middleware as responses; pages and the control plane never pass through it.
    expect(seen).toEqual(['createToken 201', 'revokeToken 404']);
  });

  it('serves every operation of both specs, listed by operationId and spec path', () => {
    const sandbox = createSandbox();
    expect(sandbox.operations).toEqual(
      expect.arrayContaining([
        { operationId: 'registerAgent', method: 'POST', path: '/api/agent/identity' },
        { operationId: 'revokeToken', method: 'DELETE', path: '/api/public/v1/tokens/{tokenId}' },
        { operationId: 'getCapabilities', method: 'GET', path: '/api/public/v1/job-drafts/capabilities' },
      ]),
    );
    const served = sandbox.operations.map((operation) => operation.operationId).sort();
    expect(served).toEqual(operations.map((operation) => operation.operationId).sort());
  });
});
