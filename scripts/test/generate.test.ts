import { appendFile, copyFile, mkdir, mkdtemp, readFile, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDrift, OUTPUT_DIR, renderGeneratedFiles, writeGeneratedFiles } from '../generate/generated-files.js';
import { ROUTE_FIELDS } from '../generate/operation-info.js';
import { routeName } from '../generate/render.js';
import { fixturePath, repoRoot } from './support/fixtures.js';
import { runScript } from './support/run-script.js';

let root: string;
let outDir: string;
let firstRender: Map<string, string>;

/**
 * A throwaway repository root: the fixture specs under spec/, the SDK's `route()` the generated routes call, and zod
 * resolvable for the generated modules.
 */
async function makeRoot(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'generate-test-'));
  await mkdir(join(dir, 'spec'));
  await copyFile(fixturePath('public-v1.yaml'), join(dir, 'spec', 'public-v1.yaml'));
  await copyFile(fixturePath('partner-v1.yaml'), join(dir, 'spec', 'partner-v1.yaml'));
  await mkdir(join(dir, 'packages', 'sdk', 'src', 'core'), { recursive: true });
  const route = join('packages', 'sdk', 'src', 'core', 'route.ts');
  await copyFile(join(repoRoot, route), join(dir, route));
  await mkdir(join(dir, 'node_modules'));
  await symlink(join(repoRoot, 'packages', 'sdk', 'node_modules', 'zod'), join(dir, 'node_modules', 'zod'), 'dir');
  return dir;
}

beforeAll(async () => {
  root = await makeRoot();
  outDir = join(root, OUTPUT_DIR);
  firstRender = await renderGeneratedFiles(root);
  await writeGeneratedFiles(outDir, firstRender);
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('pnpm generate', () => {
  it('writes the types, zod schemas, operation table and README with a do-not-edit header', async () => {
    expect([...firstRender.keys()]).toEqual([
      'README.md',
      'operation-inputs.ts',
      'operation-routes.ts',
      'operation-schemas.ts',
      'operations.ts',
      'partner.ts',
      'public.ts',
      'resources.ts',
      'zod/partner.ts',
      'zod/public.ts',
    ]);
    const publicTypes = await readFile(join(outDir, 'public.ts'), 'utf8');
    expect(publicTypes).toMatch(/^\/\/ Generated from spec\/public-v1\.yaml by scripts\/generate\.ts\. Do not edit/);
    expect(publicTypes).toContain('export interface paths');
    expect(publicTypes).toContain('export interface webhooks');
    expect(publicTypes).toContain('export interface operations');
    const operations = await readFile(join(outDir, 'operations.ts'), 'utf8');
    expect(operations).toMatch(/^\/\/ Generated from spec\/public-v1\.yaml and spec\/partner-v1\.yaml/);
    expect(operations).not.toContain('zod');
    expect(await readFile(join(outDir, 'README.md'), 'utf8')).toContain('# Generated code: do not edit');
  });

  it('writes a lean route per operation: the transport fields of its full row and nothing else', async () => {
    const { operations } = await import(pathToFileURL(join(outDir, 'operations.ts')).href);
    const routes = await import(pathToFileURL(join(outDir, 'operation-routes.ts')).href);
    expect(Object.keys(routes).sort()).toEqual(
      operations.map((row: { operationId: string }) => row.operationId).sort(),
    );
    for (const row of operations) {
      expect(routes[row.operationId]).toEqual(Object.fromEntries(ROUTE_FIELDS.map((field) => [field, row[field]])));
    }
    expect(routes.getMe).toEqual({
      operationId: 'getMe',
      api: 'public',
      method: 'GET',
      path: '/api/public/v1/auth/me',
      tokenless: false,
      idempotent: true,
      idempotencyKey: null,
      pagination: null,
      body: null,
    });
    // Each route states only what differs from route()'s common case.
    const source = firstRender.get('operation-routes.ts') ?? '';
    expect(source).toContain("export const getMe = /* @__PURE__ */ route('getMe', 'GET', '/api/public/v1/auth/me');");
    expect(firstRender.get('operations.ts')).toContain('export type OperationRoute = Pick<OperationInfo');
    expect(firstRender.get('resources.ts')).toContain("import * as routes from './operation-routes.js';");
    expect(firstRender.get('resources.ts')).not.toContain('operationsById');
  });

  it('refuses an operationId that cannot name its route', () => {
    const row = { operationId: 'delete' } as Parameters<typeof routeName>[0];
    expect(() => routeName(row)).toThrow(
      'operationId "delete" must be a JavaScript identifier (and not a reserved word)',
    );
    expect(() => routeName({ ...row, operationId: 'get-me' })).toThrow('operationId "get-me" must be a JavaScript');
    expect(routeName({ ...row, operationId: 'getMe' })).toBe('getMe');
  });

  it('produces the same bytes every time', async () => {
    expect(await renderGeneratedFiles(root)).toEqual(firstRender);
  }, 30_000);

  it('generates zod schemas that accept valid and reject invalid traffic, by operationId', async () => {
    const { operationSchemas, webhookSchemas } = await import(pathToFileURL(join(outDir, 'operation-schemas.ts')).href);
    const getMe = operationSchemas.getMe;
    expect(getMe.responses[200].safeParse({ tokenId: 't1', scopes: ['jobs:read'], claimed: true }).success).toBe(true);
    expect(getMe.responses[200].safeParse({ scopes: [], claimed: true }).success).toBe(false);
    expect(getMe.responses[401].safeParse({ error: 'no', code: 'UNAUTHORIZED', requestId: 'r' }).success).toBe(true);
    expect(getMe).not.toHaveProperty('body');
    expect(getMe).not.toHaveProperty('path');

    const search = operationSchemas.searchJobs;
    expect(search.query.safeParse({ q: 'labels', limit: 10 }).success).toBe(true);
    expect(search.query.safeParse({ limit: 10 }).success).toBe(false);
    expect(search.query.safeParse({ q: 'labels', limit: 500 }).success).toBe(false);
    // An inline response schema gets a schema of its own for its status.
    const page = {
      jobs: [{ id: 'j', title: 'T', status: 'PUBLISHED', createdAt: '2026-06-12T10:00:00.000+02:00' }],
      nextCursor: null,
    };
    expect(search.responses[200].safeParse(page).success).toBe(true);
    expect(search.responses[200].safeParse({ ...page, nextCursor: 3 }).success).toBe(false);

    expect(operationSchemas.createJobDraft.body.safeParse({ text: 'Label 1000 images' }).success).toBe(true);
    expect(operationSchemas.createJobDraft.body.safeParse({ text: 'x', paymentType: 'BARTER' }).success).toBe(false);
    expect(operationSchemas.getJob.path.safeParse({ jobId: 'j1' }).success).toBe(true);
    // A status without a body (204) has no schema; the operation table lists it among the success statuses.
    expect(Object.keys(operationSchemas.deleteProjectLink.responses)).toEqual(['404']);

    const event = { id: '1', type: 'proposal.received', createdAt: '2026-06-12T10:00:00.000Z', data: {} };
    expect(webhookSchemas.public['proposal.received'].safeParse(event).success).toBe(true);
    expect(webhookSchemas.public['proposal.received'].safeParse({ ...event, type: 'other' }).success).toBe(false);
  });
});

describe('pnpm generate:check', () => {
  it('passes when the committed output matches the spec', async () => {
    expect(await findDrift(outDir, firstRender)).toEqual([]);
    const result = await runScript('scripts/generate.ts', ['--check', '--root', root]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('up to date');
  }, 30_000);

  it('fails and lists every drifted file after hand edits', async () => {
    await appendFile(join(outDir, 'operations.ts'), '// tweaked by hand\n');
    await unlink(join(outDir, 'zod/partner.ts'));
    await writeFile(join(outDir, 'stale.ts'), 'export {};\n');
    try {
      const result = await runScript('scripts/generate.ts', ['--check', '--root', root]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${OUTPUT_DIR} is out of date with the spec`);
      expect(result.stderr).toContain(`changed  ${OUTPUT_DIR}/operations.ts`);
      expect(result.stderr).toContain(`missing  ${OUTPUT_DIR}/zod/partner.ts`);
      expect(result.stderr).toContain(`extra    ${OUTPUT_DIR}/stale.ts`);
      expect(result.stderr).not.toContain('public.ts');
      expect(result.stderr).toContain('Run `pnpm generate`');
    } finally {
      // `pnpm generate` repairs the folder: rewrites the edits and removes what it does not generate.
      const repaired = await runScript('scripts/generate.ts', ['--root', root]);
      expect(repaired.code).toBe(0);
      expect(await findDrift(outDir, firstRender)).toEqual([]);
    }
  }, 30_000);

  it('reports the files a spec change affects', async () => {
    const specFile = join(root, 'spec', 'public-v1.yaml');
    const original = await readFile(specFile, 'utf8');
    await writeFile(
      specFile,
      original.replace('enum: [DRAFT, PUBLISHED, CLOSED]', 'enum: [DRAFT, PUBLISHED, CLOSED, ARCHIVED]'),
    );
    try {
      const drift = await findDrift(outDir, await renderGeneratedFiles(root));
      expect(drift).toEqual([
        { file: 'public.ts', kind: 'changed' },
        { file: 'zod/public.ts', kind: 'changed' },
      ]);
    } finally {
      await writeFile(specFile, original);
    }
  }, 30_000);

  it('says which spec is missing instead of crashing', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'generate-empty-'));
    try {
      const result = await runScript('scripts/generate.ts', ['--check', '--root', empty]);
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(`generate: spec/public-v1.yaml not found under ${empty}`);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  }, 30_000);
});
