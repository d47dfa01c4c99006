import { describe, expect, it } from 'vitest';
import { diffSpecs, formatChanges } from '../fetch-spec/diff.js';
import type { Json } from '../generate/openapi.js';
import { loadFixture } from './support/fixtures.js';

const schemas = (doc: Json) => (doc.components as Json).schemas as Record<string, Json>;
const properties = (doc: Json, schema: string) => schemas(doc)[schema]?.properties as Record<string, Json>;
const paths = (doc: Json) => doc.paths as Record<string, Json>;

/** The fixture as a server might publish it: the API prefix in the server URL, short paths, and the discovery
 * document on a server of its own. */
function servedLayout(doc: Json): Json {
  const served = structuredClone(doc);
  served.servers = [{ url: 'https://app.opentrain.ai/api/public/v1' }];
  served.paths = Object.fromEntries(
    Object.entries(paths(served)).map(([path, item]) =>
      path.startsWith('/.well-known')
        ? [path, { ...item, servers: [{ url: 'https://app.opentrain.ai' }] }]
        : [path.replace(/^\/api\/public\/v1/, ''), item],
    ),
  );
  return served;
}

describe('diffSpecs', () => {
  it('finds nothing when the served document only differs in layout', () => {
    const ours = loadFixture('public-v1.yaml');
    expect(diffSpecs(ours, servedLayout(ours))).toEqual([]);
  });

  it('matches an operation whose path parameter is named differently, and reports the new name', () => {
    const ours = loadFixture('public-v1.yaml');
    const served = servedLayout(ours);
    const item = paths(served)['/jobs/{jobId}'] as Json;
    item.parameters = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
    paths(served)['/jobs/{id}'] = item;
    delete paths(served)['/jobs/{jobId}'];
    const operation = 'GET /api/public/v1/jobs/{jobId} (getJob)';
    expect(diffSpecs(ours, served)).toEqual([
      { kind: 'field-added', operation, location: 'path parameters', field: 'id', type: 'string' },
      { kind: 'field-removed', operation, location: 'path parameters', field: 'jobId', type: 'string' },
    ]);
  });

  it('reports an operation that only the server has, and one it no longer has', () => {
    const ours = loadFixture('public-v1.yaml');
    const served = servedLayout(ours);
    paths(served)['/jobs/{id}/close'] = {
      post: { operationId: 'closeJob', responses: { '200': { description: 'Closed.' } } },
    };
    delete paths(served)['/updates'];
    expect(diffSpecs(ours, served)).toEqual([
      { kind: 'operation-added', operation: 'POST /api/public/v1/jobs/{id}/close (closeJob)' },
      { kind: 'operation-removed', operation: 'GET /api/public/v1/updates (pollUpdates)' },
    ]);
  });

  it('follows $refs to report a removed field everywhere the schema is used', () => {
    const ours = loadFixture('public-v1.yaml');
    const served = structuredClone(ours);
    delete properties(served, 'Job').budget;
    const changes = diffSpecs(ours, served);
    expect(changes).toContainEqual({
      kind: 'field-removed',
      operation: 'GET /api/public/v1/jobs (searchJobs)',
      location: 'response 200',
      field: 'jobs[].budget',
      type: 'number',
    });
    expect(changes).toContainEqual({
      kind: 'field-removed',
      operation: 'POST /api/public/v1/job-drafts (createJobDraft)',
      location: 'response 201',
      field: 'budget',
      type: 'number',
    });
    expect(changes.every((change) => change.kind === 'field-removed')).toBe(true);
    expect(changes).toHaveLength(4); // searchJobs 200, createJobDraft 200 and 201, getJob 200
  });

  it('reports enum values added and removed', () => {
    const ours = loadFixture('public-v1.yaml');
    const served = structuredClone(ours);
    properties(served, 'Job').status = { type: 'string', enum: ['DRAFT', 'PUBLISHED', 'ARCHIVED'] };
    schemas(served).PaymentType = {
      type: 'string',
      enum: ['PAY_PER_LABEL', 'PAY_PER_HOUR', 'FIXED_PRICE', 'MILESTONE'],
    };
    const changes = diffSpecs(ours, served);
    expect(changes).toContainEqual({
      kind: 'enum-values-added',
      operation: 'GET /api/public/v1/jobs/{jobId} (getJob)',
      location: 'response 200',
      field: 'status',
      values: ['ARCHIVED'],
    });
    expect(changes).toContainEqual({
      kind: 'enum-values-removed',
      operation: 'GET /api/public/v1/jobs/{jobId} (getJob)',
      location: 'response 200',
      field: 'status',
      values: ['CLOSED'],
    });
    // A request field reached through a $ref to a shared enum.
    expect(changes).toContainEqual({
      kind: 'enum-values-added',
      operation: 'POST /api/public/v1/job-drafts (createJobDraft)',
      location: 'request body',
      field: 'paymentType',
      values: ['MILESTONE'],
    });
  });

  it('reports retyped fields and parameters, including 3.0-style nullable', () => {
    const ours = loadFixture('public-v1.yaml');
    const served = structuredClone(ours);
    properties(served, 'Me').claimed = { type: 'string' };
    properties(served, 'Job').createdAt = { type: 'string', format: 'date-time', nullable: true };
    schemas(served).Limit100 = {};
    ((served.components as Json).parameters as Record<string, Json>).Limit100 = {
      name: 'limit',
      in: 'query',
      schema: { type: 'string' },
    };
    const changes = diffSpecs(ours, served);
    expect(changes).toContainEqual({
      kind: 'field-retyped',
      operation: 'GET /api/public/v1/auth/me (getMe)',
      location: 'response 200',
      field: 'claimed',
      before: 'boolean',
      after: 'string',
    });
    expect(changes).toContainEqual({
      kind: 'field-retyped',
      operation: 'GET /api/public/v1/jobs/{jobId} (getJob)',
      location: 'response 200',
      field: 'createdAt',
      before: 'string(date-time)',
      after: 'null|string(date-time)',
    });
    expect(changes).toContainEqual({
      kind: 'field-retyped',
      operation: 'GET /api/public/v1/jobs (searchJobs)',
      location: 'query parameters',
      field: 'limit',
      before: 'integer',
      after: 'string',
    });
  });

  it('reports fields that became required and new response statuses', () => {
    const ours = loadFixture('public-v1.yaml');
    const served = structuredClone(ours);
    (schemas(served).Me as Json).required = ['tokenId', 'scopes', 'claimed', 'email'];
    ((paths(served)['/api/public/v1/auth/me'] as Json).get as Json).responses = {
      ...(((paths(ours)['/api/public/v1/auth/me'] as Json).get as Json).responses as Json),
      '429': { description: 'Slow down.' },
    };
    expect(diffSpecs(ours, served)).toEqual([
      {
        kind: 'field-required-changed',
        operation: 'GET /api/public/v1/auth/me (getMe)',
        location: 'response 200',
        field: 'email',
        required: true,
      },
      { kind: 'location-added', operation: 'GET /api/public/v1/auth/me (getMe)', location: 'response 429' },
    ]);
  });

  it('does not loop on recursive schemas', () => {
    const ours = loadFixture('public-v1.yaml');
    properties(ours, 'Job').parent = { $ref: '#/components/schemas/Job' };
    const served = structuredClone(ours);
    properties(served, 'Job').title = { type: 'integer' };
    const changes = diffSpecs(ours, served).filter((change) => change.operation.includes('(getJob)'));
    expect(changes).toEqual([
      {
        kind: 'field-retyped',
        operation: 'GET /api/public/v1/jobs/{jobId} (getJob)',
        location: 'response 200',
        field: 'title',
        before: 'string',
        after: 'integer',
      },
    ]);
  });
});

describe('formatChanges', () => {
  it('prints one block per operation with +, - and ~ markers', () => {
    const ours = loadFixture('public-v1.yaml');
    const served = structuredClone(ours);
    delete paths(served)['/api/public/v1/updates'];
    properties(served, 'Me').claimed = { type: 'string' };
    properties(served, 'Me').teamId = { type: 'string' };
    delete properties(served, 'Me').email;
    expect(formatChanges('Public API', diffSpecs(ours, served))).toBe(
      [
        'Public API: 4 differences',
        '  ~ GET /api/public/v1/auth/me (getMe)',
        '      response 200: field teamId added (string)',
        '      response 200: field email removed (was null|string(email))',
        '      response 200: field claimed retyped boolean -> string',
        '  - GET /api/public/v1/updates (pollUpdates): operation missing from the served spec',
      ].join('\n'),
    );
  });

  it('says a change to a shared schema once per operation', () => {
    const ours = loadFixture('public-v1.yaml');
    const served = structuredClone(ours);
    properties(served, 'Error').code = {
      type: 'string',
      enum: ['BAD_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'GONE'],
    };
    const report = formatChanges('Public API', diffSpecs(ours, served));
    expect(report).toContain(
      [
        '  ~ POST /api/public/v1/job-drafts (createJobDraft)',
        '      responses 400, 401: field code enum values added: GONE',
      ].join('\n'),
    );
  });

  it('says so when there is nothing to report', () => {
    expect(formatChanges('Platform API', [])).toBe('Platform API: no differences');
  });
});
