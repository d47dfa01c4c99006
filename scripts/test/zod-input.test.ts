import { describe, expect, it } from 'vitest';
import type { Json } from '../generate/openapi.js';
import { prepareZodInput } from '../generate/zod-schemas.js';
import { loadFixture } from './support/fixtures.js';

const schemas = (doc: Json) => (doc.components as Json).schemas as Record<string, Json>;

describe('prepareZodInput', () => {
  it('names each operation part and response status, reusing component schemas', () => {
    const { operations, webhooks } = prepareZodInput(loadFixture('public-v1.yaml'));
    expect(operations.get('searchJobs')).toEqual({
      path: null,
      query: 'zSearchJobsQuery',
      headers: null,
      body: null,
      responses: [
        ['200', 'zSearchJobsResponse200'],
        ['400', 'zError'],
      ],
    });
    expect(operations.get('hireProposal')).toMatchObject({
      path: 'zHireProposalPath',
      body: 'zHireProposalBody',
      responses: [
        ['202', 'zApprovalAccepted'],
        ['403', 'zError'],
      ],
    });
    expect(webhooks).toEqual(new Map([['proposal.received', 'zEvent']]));
  });

  it('moves inline response schemas into components without touching the original document', () => {
    const doc = loadFixture('public-v1.yaml');
    const before = structuredClone(doc);
    const { input } = prepareZodInput(doc);
    expect(doc).toEqual(before);
    expect(schemas(input).SearchJobsResponse200).toMatchObject({ type: 'object', required: ['jobs', 'nextCursor'] });
    expect(input.webhooks).toBeUndefined();
  });

  it('gives a shared response component with an inline schema one name', () => {
    const doc = loadFixture('partner-v1.yaml');
    const responses = (doc.components as Json).responses as Record<string, Json>;
    responses.NotFound = {
      description: 'Not found.',
      content: { 'application/json': { schema: { type: 'object', properties: { missing: { type: 'string' } } } } },
    };
    const { operations, input } = prepareZodInput(doc);
    expect(operations.get('deleteProjectLink')?.responses).toEqual([
      ['204', null],
      ['404', 'zNotFoundResponse'],
    ]);
    expect(schemas(input).NotFoundResponse).toMatchObject({ properties: { missing: { type: 'string' } } });
  });

  it('refuses a component whose export name would clash with an operation schema', () => {
    const doc = loadFixture('public-v1.yaml');
    schemas(doc).CreateJobDraftBody = { type: 'string' };
    expect(() => prepareZodInput(doc)).toThrow(
      'component schema "CreateJobDraftBody" and the body schema of operation createJobDraft would both be exported as zCreateJobDraftBody',
    );
  });

  it('refuses to hoist an inline schema onto an existing component name', () => {
    const doc = loadFixture('public-v1.yaml');
    schemas(doc).GetProtectedResourceMetadataResponse200 = { type: 'string' };
    expect(() => prepareZodInput(doc)).toThrow(
      'cannot name the inline schema "GetProtectedResourceMetadataResponse200": a component schema already has that name',
    );
  });
});
