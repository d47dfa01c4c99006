// Produces the whole packages/sdk/src/generated/ folder in memory, writes it, or compares it with what is committed.
import { mkdir, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import { formatWithBiome } from './format.js';
import { isObject, type Json } from './openapi.js';
import { buildOperationInputs, type OperationInputs, renderOperationInputs } from './operation-inputs.js';
import { type ApiName, buildOperationTable, joinOperationTables } from './operation-table.js';
import {
  fileHeader,
  renderOperationRoutes,
  renderOperationSchemas,
  renderOperations,
  renderReadme,
  type SchemaNamesByApi,
} from './render.js';
import { renderResources } from './sdk-resources.js';
import { generateTypes } from './typescript-types.js';
import { generateZod } from './zod-schemas.js';

export const SPEC_FILES: Record<ApiName, string> = {
  public: 'spec/public-v1.yaml',
  partner: 'spec/partner-v1.yaml',
};
export const OUTPUT_DIR = 'packages/sdk/src/generated';

const APIS: readonly ApiName[] = ['public', 'partner'];

export async function loadSpec(root: string, file: string): Promise<Json> {
  let text: string;
  try {
    text = await readFile(join(root, file), 'utf8');
  } catch {
    throw new Error(`${file} not found under ${root}`);
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid YAML: ${(error as Error).message}`);
  }
  if (!isObject(doc) || typeof doc.openapi !== 'string' || !doc.openapi.startsWith('3.')) {
    throw new Error(`${file} is not an OpenAPI 3.x document (no "openapi: 3.x" field)`);
  }
  return doc;
}

/** Every generated file, keyed by its path inside the output folder, formatted and ready to write. */
export async function renderGeneratedFiles(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const tables = [];
  const schemaNames: SchemaNamesByApi[] = [];
  const inputs = new Map<string, OperationInputs>();
  for (const api of APIS) {
    const specFile = SPEC_FILES[api];
    const doc = await loadSpec(root, specFile);
    const header = fileHeader([specFile]);
    tables.push(buildOperationTable(doc, api));
    for (const [id, entry] of buildOperationInputs(doc)) inputs.set(id, entry);
    files.set(`${api}.ts`, header + (await generateTypes(doc)));
    const zod = await generateZod(doc);
    files.set(`zod/${api}.ts`, header + zod.source);
    schemaNames.push({ api, operations: zod.operations, webhooks: zod.webhooks });
  }
  const rows = joinOperationTables(tables);
  const bothSpecs = APIS.map((api) => SPEC_FILES[api]);
  const header = fileHeader(bothSpecs);
  files.set('operations.ts', renderOperations(header, rows));
  files.set('operation-routes.ts', renderOperationRoutes(header, rows));
  files.set('operation-schemas.ts', renderOperationSchemas(header, rows, schemaNames));
  files.set('operation-inputs.ts', renderOperationInputs(header, inputs));
  files.set('resources.ts', renderResources(header, rows));
  files.set('README.md', renderReadme(bothSpecs));
  return formatFiles(files);
}

async function formatFiles(files: Map<string, string>): Promise<Map<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'opentrain-generated-'));
  try {
    for (const [file, content] of files) {
      await mkdir(dirname(join(dir, file)), { recursive: true });
      await writeFile(join(dir, file), content);
    }
    await formatWithBiome(dir);
    const formatted = new Map<string, string>();
    for (const file of [...files.keys()].sort()) formatted.set(file, await readFile(join(dir, file), 'utf8'));
    return formatted;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
      .sort();
  } catch {
    return [];
  }
}

export interface Drift {
  file: string;
  kind: 'changed' | 'missing' | 'extra';
}

/** How the folder at `outDir` differs from `files`. */
export async function findDrift(outDir: string, files: Map<string, string>): Promise<Drift[]> {
  const drift: Drift[] = [];
  const present = await listFiles(outDir);
  for (const [file, content] of files) {
    if (!present.includes(file)) drift.push({ file, kind: 'missing' });
    else if ((await readFile(join(outDir, file), 'utf8')) !== content) drift.push({ file, kind: 'changed' });
  }
  for (const file of present) if (!files.has(file)) drift.push({ file, kind: 'extra' });
  return drift.sort((a, b) => a.file.localeCompare(b.file));
}

/** Makes `outDir` hold exactly `files`: writes what changed and deletes files the generator no longer makes. */
export async function writeGeneratedFiles(outDir: string, files: Map<string, string>): Promise<Drift[]> {
  const drift = await findDrift(outDir, files);
  for (const { file, kind } of drift) {
    const target = join(outDir, file);
    if (kind === 'extra') {
      await unlink(target);
    } else {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, files.get(file) as string);
    }
  }
  return drift;
}
