import { describe, expect, it } from 'vitest';
import type { OperationInfo } from '../generate/operation-table.js';
import { groupNamespaces, renderResources } from '../generate/sdk-resources.js';

function row(overrides: Partial<OperationInfo> & Pick<OperationInfo, 'operationId' | 'sdk' | 'path'>): OperationInfo {
  return {
    api: 'public',
    method: 'GET',
    summary: `Summary of ${overrides.operationId}`,
    description: '',
    tokenless: false,
    scopes: [],
    scopesAnyOf: null,
    feature: null,
    claimRequired: false,
    idempotent: true,
    idempotencyKey: null,
    pagination: null,
    approval: null,
    mcpTool: null,
    cli: null,
    pathParams: [...overrides.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string),
    queryParams: [],
    requiredQueryParams: [],
    body: null,
    successStatuses: [200],
    inferred: false,
    ...overrides,
  };
}

const json = { contentType: 'application/json', required: true };

const rows: OperationInfo[] = [
  row({
    operationId: 'listProposals',
    sdk: 'proposals.list',
    path: '/v1/jobs/{jobId}/proposals',
    queryParams: ['status', 'cursor'],
    scopes: ['proposals:read'],
    pagination: { items: 'proposals', cursorParam: 'cursor', nextCursor: 'nextCursor' },
  }),
  row({
    operationId: 'hireProposal',
    sdk: 'proposals.hire',
    method: 'POST',
    path: '/v1/proposals/{proposalId}/hire',
    body: json,
    approval: 'proposal_hire',
    successStatuses: [202],
    claimRequired: true,
    feature: 'hiring',
  }),
  row({
    operationId: 'endContract',
    sdk: 'contracts.end',
    method: 'POST',
    path: '/v1/contracts/{contractId}/end',
    approval: 'contract_end',
    successStatuses: [200, 202],
  }),
  row({
    operationId: 'getFile',
    sdk: 'files.get',
    path: '/v1/folders/{folderId}/files/{file-id}',
    summary: 'Read a file */ carefully',
    tokenless: true,
  }),
  row({
    operationId: 'changes',
    sdk: 'files.changes',
    path: '/v1/changes',
    queryParams: ['since'],
    requiredQueryParams: ['since'],
  }),
  row({
    operationId: 'createDraft',
    sdk: 'drafts.create',
    method: 'POST',
    path: '/v1/drafts',
    body: { contentType: 'application/json', required: false },
    queryParams: ['dryRun'],
    idempotencyKey: { in: 'body', name: 'idempotencyKey' },
  }),
  row({
    operationId: 'partnerEnd',
    api: 'partner',
    sdk: 'contracts.report',
    method: 'POST',
    path: '/p/usage',
    body: json,
  }),
];

const source = renderResources('// header\n', rows);

/** The signature of one method, from its name to its semicolon. */
function method(name: string): string {
  const start = source.indexOf(`\n  ${name}(`);
  if (start < 0) throw new Error(`no method ${name}`);
  return source.slice(start + 3, source.indexOf(';\n', start) + 1);
}

/** The entry of one method in a namespace table. */
function tableEntry(name: string): string {
  const match = new RegExp(`^    ${name}: (\\[.*\\]),$`, 'm').exec(source);
  if (!match) throw new Error(`no table entry ${name}`);
  return match[1] as string;
}

describe('renderResources', () => {
  it('makes one interface per namespace and API, sorted, a table per API, and a client base per API', () => {
    expect([...source.matchAll(/^export interface (\w+)/gm)].map((match) => match[1])).toEqual([
      'PublicContractsResource',
      'PublicDraftsResource',
      'PublicFilesResource',
      'PublicProposalsResource',
      'PartnerContractsResource',
    ]);
    expect([...source.matchAll(/^export const (\w+): NamespaceTable/gm)].map((match) => match[1])).toEqual([
      'publicNamespaceTable',
      'partnerNamespaceTable',
    ]);
    expect([...source.matchAll(/^export abstract class (\w+)/gm)].map((match) => match[1])).toEqual([
      'PublicClientBase',
      'PartnerClientBase',
    ]);
    expect(source).toContain('declare readonly proposals: PublicProposalsResource;');
    expect(source).toContain('declare readonly contracts: PartnerContractsResource;');
    expect(source).toMatch(
      /class PartnerClientBase extends BaseClient \{[\s\S]*super\('partner', options\);\n {4}Object\.assign\(this, createNamespaces\(this\.transport, partnerNamespaceTable\)\);/,
    );
  });

  it('takes path parameters in path order, then the query, then options; paginated lists return a Paginator', () => {
    expect(method('list')).toBe(
      "list(jobId: string, query?: QueryOf<'listProposals'>, options?: RequestOptions): Paginator<ItemOf<'listProposals'>, SuccessOf<'listProposals'>>;",
    );
    expect(tableEntry('list')).toBe("[routes.listProposals, 'query']");
    expect(method('get')).toBe(
      "get(folderId: string, fileId: string, options?: RequestOptions): APIPromise<SuccessOf<'getFile'>>;",
    );
    expect(tableEntry('get')).toBe('[routes.getFile]');
  });

  it('makes the body or the query required exactly when the spec does', () => {
    expect(method('hire')).toContain(
      "hire(proposalId: string, body: BodyOf<'hireProposal'>, options?: RequestOptions)",
    );
    expect(method('changes')).toContain("changes(query: QueryOf<'changes'>, options?: RequestOptions)");
    expect(method('end')).toContain(
      "end(contractId: string, options?: RequestOptions): APIPromise<SuccessOf<'endContract'>>",
    );
  });

  it('moves the query into the options when the operation also has a body', () => {
    expect(method('create')).toBe(
      "create(body?: BodyOf<'createDraft'>, options?: RequestOptions & { query?: QueryOf<'createDraft'> }): APIPromise<SuccessOf<'createDraft'>>;",
    );
    expect(tableEntry('create')).toBe("[routes.createDraft, 'body+query']");
    expect(tableEntry('hire')).toBe("[routes.hireProposal, 'body']");
  });

  it('documents the summary and every gate above each method', () => {
    expect(source).toContain('   * Summary of hireProposal\n   *\n   * `POST /v1/proposals/{proposalId}/hire`');
    expect(source).toContain('   * - Feature flag: `hiring`.');
    expect(source).toContain('   * - Needs an account a human has claimed.');
    expect(source).toContain('   * - Needs a human approval (`proposal_hire`): answers 202 with a pending approval;');
    expect(source).toContain('   * - May need a human approval (`contract_end`)');
    expect(source).toContain('`isPendingApproval(result)` tells which.');
    expect(source).toContain('   * - Scopes: `proposals:read`.');
    expect(source).toContain('   * - Needs no token: sends no Authorization header.');
    expect(source).toContain('   * - Takes an idempotency key (`idempotencyKey` in the body)');
    expect(source).toContain('every item of `proposals`');
    // Spec text cannot end the comment early.
    expect(source).toContain('Read a file *\\/ carefully');
  });

  it('is deterministic, and orders namespaces by API and name whatever order the rows come in', () => {
    expect(renderResources('// header\n', rows)).toBe(source);
    const names = (input: OperationInfo[]) => groupNamespaces(input).map((namespace) => namespace.className);
    expect(names([...rows].reverse())).toEqual(names(rows));
  });

  it('refuses two operations on one method of one API, but allows the name in the other API', () => {
    const twin = row({ operationId: 'endContractAgain', sdk: 'contracts.end', method: 'POST', path: '/v1/x' });
    expect(() => renderResources('', [...rows, twin])).toThrow(
      'endContractAgain and endContract both use x-opentrain-sdk "contracts.end" in the public API',
    );
    expect(() => renderResources('', [...rows, { ...twin, api: 'partner' }])).not.toThrow();
  });

  it('refuses a path parameter that cannot become a parameter name', () => {
    const clash = row({ operationId: 'clash', sdk: 'x.get', path: '/v1/{options}' });
    expect(() => renderResources('', [clash])).toThrow('clash: path parameter "options" cannot be used');
  });
});
