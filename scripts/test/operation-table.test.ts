import { describe, expect, it } from 'vitest';
import type { Json } from '../generate/openapi.js';
import { buildOperationTable, joinOperationTables } from '../generate/operation-table.js';
import { loadFixture } from './support/fixtures.js';

const publicRows = () => buildOperationTable(loadFixture('public-v1.yaml'), 'public');
const row = (operationId: string) => {
  const found = publicRows().find((r) => r.operationId === operationId);
  if (!found) throw new Error(`no row ${operationId}`);
  return found;
};
const pathItem = (doc: Json, path: string) => (doc.paths as Record<string, Json>)[path] as Json;
const operation = (doc: Json, path: string, method: string) => pathItem(doc, path)[method] as Json;

describe('buildOperationTable', () => {
  it('makes one row per operation, sorted by path then method', () => {
    expect(publicRows().map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /.well-known/oauth-protected-resource',
      'GET /api/public/v1/auth/me',
      'POST /api/public/v1/job-drafts',
      'GET /api/public/v1/jobs',
      'GET /api/public/v1/jobs/{jobId}',
      'POST /api/public/v1/proposals/{proposalId}/hire',
      'GET /api/public/v1/updates',
    ]);
  });

  it('maps the x-opentrain extensions of an authenticated operation', () => {
    expect(row('getMe')).toEqual({
      operationId: 'getMe',
      api: 'public',
      method: 'GET',
      path: '/api/public/v1/auth/me',
      summary: 'Describe the calling token',
      description: 'Returns the user, token and account behind the bearer token.',
      sdk: 'auth.me',
      tokenless: false,
      scopes: [],
      scopesAnyOf: null,
      feature: null,
      claimRequired: false,
      idempotent: true,
      idempotencyKey: null,
      pagination: null,
      approval: null,
      mcpTool: 'opentrain_auth_status',
      cli: 'auth status',
      pathParams: [],
      queryParams: [],
      requiredQueryParams: [],
      body: null,
      successStatuses: [200],
      inferred: false,
    });
  });

  it('detects tokenless operations from `security: []` and from an empty requirement', () => {
    expect(row('searchJobs').tokenless).toBe(true);
    expect(row('getProtectedResourceMetadata').tokenless).toBe(true);
    expect(row('hireProposal').tokenless).toBe(false);

    const doc = loadFixture('public-v1.yaml');
    operation(doc, '/api/public/v1/auth/me', 'get').security = [{}, { bearerAuth: [] }];
    expect(buildOperationTable(doc, 'public').find((r) => r.operationId === 'getMe')?.tokenless).toBe(true);

    const noGlobalSecurity = loadFixture('public-v1.yaml');
    delete noGlobalSecurity.security;
    expect(buildOperationTable(noGlobalSecurity, 'public').find((r) => r.operationId === 'getMe')?.tokenless).toBe(
      true,
    );
  });

  it('reads pagination, with hasMore only where the feed declares it', () => {
    expect(row('searchJobs').pagination).toEqual({ items: 'jobs', cursorParam: 'cursor', nextCursor: 'nextCursor' });
    expect(row('searchJobs').pagination).not.toHaveProperty('hasMore');
    expect(row('pollUpdates').pagination).toEqual({
      items: 'events',
      cursorParam: 'cursor',
      nextCursor: 'nextCursor',
      hasMore: 'hasMore',
    });
    expect(row('pollUpdates').scopesAnyOf).toEqual(['proposals:read', 'messages:read', 'payments:read']);
  });

  it('reads an alternate list field, and refuses one that is not a string', () => {
    const doc = loadFixture('public-v1.yaml');
    const search = operation(doc, '/api/public/v1/jobs', 'get');
    search['x-opentrain-pagination'] = { ...(search['x-opentrain-pagination'] as Json), alternateItems: 'drafts' };
    const rows = buildOperationTable(doc, 'public');
    expect(rows.find((r) => r.operationId === 'searchJobs')?.pagination?.alternateItems).toBe('drafts');
    search['x-opentrain-pagination'] = { ...(search['x-opentrain-pagination'] as Json), alternateItems: 3 };
    expect(() => buildOperationTable(doc, 'public')).toThrow(/x-opentrain-pagination\.alternateItems must be a string/);
  });

  it('reads approval, gates, body and statuses of a money-moving call', () => {
    const hire = row('hireProposal');
    expect(hire).toMatchObject({
      approval: 'proposal_hire',
      scopes: ['proposals:write', 'payments:write'],
      feature: 'public_api_hiring',
      claimRequired: true,
      idempotent: true,
      pathParams: ['proposalId'],
      body: { contentType: 'application/json', required: false },
      successStatuses: [202],
      inferred: true,
    });
    expect(row('getMe').approval).toBeNull();
  });

  it('reads the idempotency key and every success status', () => {
    expect(row('createJobDraft')).toMatchObject({
      idempotent: false,
      idempotencyKey: { in: 'body', name: 'idempotencyKey' },
      body: { contentType: 'application/json', required: true },
      successStatuses: [200, 201],
    });
  });

  it('merges path-level and $ref parameters', () => {
    expect(row('getJob').pathParams).toEqual(['jobId']);
    expect(row('searchJobs')).toMatchObject({ queryParams: ['q', 'cursor', 'limit'], requiredQueryParams: ['q'] });
  });

  it('falls back to HTTP semantics when x-opentrain-idempotent is absent', () => {
    const doc = loadFixture('public-v1.yaml');
    delete operation(doc, '/api/public/v1/jobs/{jobId}', 'get')['x-opentrain-idempotent'];
    delete operation(doc, '/api/public/v1/job-drafts', 'post')['x-opentrain-idempotent'];
    const rows = buildOperationTable(doc, 'public');
    expect(rows.find((r) => r.operationId === 'getJob')?.idempotent).toBe(true);
    expect(rows.find((r) => r.operationId === 'createJobDraft')?.idempotent).toBe(false);
  });

  it('names the operation and the extension when an extension is malformed', () => {
    const missingSdk = loadFixture('public-v1.yaml');
    delete operation(missingSdk, '/api/public/v1/auth/me', 'get')['x-opentrain-sdk'];
    expect(() => buildOperationTable(missingSdk, 'public')).toThrow(
      'GET /api/public/v1/auth/me (getMe): x-opentrain-sdk must be "<namespace>.<method>", got null',
    );

    const badPagination = loadFixture('public-v1.yaml');
    operation(badPagination, '/api/public/v1/jobs', 'get')['x-opentrain-pagination'] = { items: 'jobs' };
    expect(() => buildOperationTable(badPagination, 'public')).toThrow(
      /GET \/api\/public\/v1\/jobs: x-opentrain-pagination/,
    );

    const badScope = loadFixture('public-v1.yaml');
    operation(badScope, '/api/public/v1/auth/me', 'get')['x-opentrain-scope'] = 'jobs:read';
    expect(() => buildOperationTable(badScope, 'public')).toThrow(/x-opentrain-scope must be a list of strings/);
  });

  it('refuses a path parameter that is used but not declared', () => {
    const doc = loadFixture('public-v1.yaml');
    delete pathItem(doc, '/api/public/v1/jobs/{jobId}').parameters;
    expect(() => buildOperationTable(doc, 'public')).toThrow('path parameter "jobId" is in the path but not declared');
  });
});

describe('joinOperationTables', () => {
  it('joins both documents, Public API first', () => {
    const rows = joinOperationTables([
      buildOperationTable(loadFixture('partner-v1.yaml'), 'partner'),
      buildOperationTable(loadFixture('public-v1.yaml'), 'public'),
    ]);
    expect(rows.map((r) => r.api)).toEqual([...Array(7).fill('public'), 'partner', 'partner']);
    expect(rows.find((r) => r.operationId === 'deleteProjectLink')).toMatchObject({
      api: 'partner',
      method: 'DELETE',
      sdk: 'projectLinks.delete',
      successStatuses: [204],
      mcpTool: null,
    });
  });

  it('refuses names that would collide in the SDK, CLI or MCP server', () => {
    const partner = loadFixture('partner-v1.yaml');
    operation(partner, '/api/partner/v1/installs/current', 'get').operationId = 'getMe';
    expect(() =>
      joinOperationTables([
        buildOperationTable(loadFixture('public-v1.yaml'), 'public'),
        buildOperationTable(partner, 'partner'),
      ]),
    ).toThrow('operationId "getMe" is used by both getMe and getMe');

    const sameTool = loadFixture('public-v1.yaml');
    operation(sameTool, '/api/public/v1/jobs', 'get')['x-opentrain-mcp-tool'] = 'opentrain_auth_status';
    expect(() => joinOperationTables([buildOperationTable(sameTool, 'public')])).toThrow(
      'x-opentrain-mcp-tool "opentrain_auth_status" is used by both getMe and searchJobs',
    );
  });
});
