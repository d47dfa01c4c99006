import { describe, expect, it } from 'vitest';
import * as routes from '../src/generated/operation-routes.js';
import { operationSchemas } from '../src/generated/operation-schemas.js';
import { operations, ROUTE_FIELDS } from '../src/generated/operations.js';
import { OpenTrain, OpenTrainPartner, RequestValidationError } from '../src/index.js';
import { BASE_URL, TOKEN } from './helpers.js';

describe('the generated operation table drives the transport', () => {
  it('sends every operation with its method, filled path and auth rule', async () => {
    const sent: string[] = [];
    const options = {
      apiKey: TOKEN,
      baseUrl: BASE_URL,
      logLevel: 'off' as const,
      // Empty bodies are enough to prove the routing; the schema checks have tests of their own.
      validateRequests: false,
      fetch: async (request: Request) => {
        sent.push(`${request.method} ${request.url} ${request.headers.has('authorization') ? 'auth' : 'tokenless'}`);
        return Response.json({});
      },
    };
    const clients = { public: new OpenTrain(options), partner: new OpenTrainPartner(options) };
    const expected: string[] = [];
    for (const row of operations) {
      const path = Object.fromEntries(row.pathParams.map((name) => [name, `${name}-1`]));
      const body = row.body?.required ? {} : undefined;
      await clients[row.api].request(row, { path, body });
      const filled = row.path.replace(/\{([^{}]+)\}/g, (_, name: string) => `${name}-1`);
      expected.push(`${row.method} ${BASE_URL}${filled} ${row.tokenless ? 'tokenless' : 'auth'}`);
    }
    expect(operations.length).toBeGreaterThanOrEqual(64);
    expect(sent).toEqual(expected);
  });

  it('gives the client a lean route per operation that agrees with its full row', () => {
    const routeOf = routes as Record<string, unknown>;
    expect(Object.keys(routeOf)).toHaveLength(operations.length);
    for (const row of operations) {
      const expected = Object.fromEntries(ROUTE_FIELDS.map((field) => [field, row[field]]));
      expect(routeOf[row.operationId], row.operationId).toEqual(expected);
    }
  });

  it('checks requests against the generated zod schemas', async () => {
    const api = new OpenTrain({
      apiKey: TOKEN,
      baseUrl: BASE_URL,
      schemas: operationSchemas,
      fetch: async () => Response.json({}),
    });
    const hire = operations.find((row) => row.operationId === 'hireProposal');
    if (!hire) throw new Error('hireProposal missing from the table');
    const error = await api
      .request(hire, { path: { proposalId: 'p1' }, body: { milestone: { amount: 'three hundred' } } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).issues.map((issue) => issue.field)).toContain('body.milestone.amount');
  });
});
