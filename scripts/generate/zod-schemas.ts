// Zod 4 schemas through @hey-api/openapi-ts's zod plugin, plus the map from each operation to its schema names.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@hey-api/openapi-ts';
import {
  componentSchemaName,
  isObject,
  type Json,
  jsonMediaType,
  listOperations,
  type OperationRef,
  operationParameters,
  resolveRef,
} from './openapi.js';

/** Export names (in the zod file) of the schemas that belong to one operation; null where it has no such part. */
export interface OperationSchemaNames {
  path: string | null;
  query: string | null;
  headers: string | null;
  body: string | null;
  /** One entry per documented status, in status order; null when that response has no JSON body. */
  responses: [status: string, schema: string | null][];
}

export interface ZodOutput {
  /** Source of the zod module, without a file header. */
  source: string;
  operations: Map<string, OperationSchemaNames>;
  /** Webhook name -> export name of its payload schema. */
  webhooks: Map<string, string | null>;
}

// hey-api turns characters that cannot appear in an identifier into underscores; names are built the same way and
// then checked against the generated exports, so a mismatch fails loudly instead of producing a broken import.
const identifier = (name: string) => name.replace(/[^A-Za-z0-9_$]/g, '_');
const upperFirst = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
const pascal = (name: string) =>
  name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(upperFirst)
    .join('');

export const zodComponentName = (component: string) => `z${identifier(component)}`;
const zodOperationName = (operationId: string, suffix: string) => `z${upperFirst(identifier(operationId))}${suffix}`;

const compareStatuses = (a: string, b: string) => {
  const rank = (status: string) => (/^\d+$/.test(status) ? Number(status) : status === 'default' ? 1000 : 999);
  return rank(a) - rank(b) || a.localeCompare(b);
};

/**
 * A copy of the document shaped for the zod plugin: every inline JSON response schema and webhook payload becomes a
 * named component, so each response status and webhook gets its own export. The plugin on its own only emits one
 * schema for all success responses together.
 */
export function prepareZodInput(doc: Json): Omit<ZodOutput, 'source'> & { input: Json } {
  const input = structuredClone(doc);
  if (!isObject(input.components)) input.components = {};
  const components = input.components as Json;
  if (!isObject(components.schemas)) components.schemas = {};
  const schemas = components.schemas as Json;
  const hoisted = new Map<object, string>();

  const hoist = (media: Json, proposedName: string): string => {
    const existing = componentSchemaName(media.schema);
    if (existing) return zodComponentName(existing);
    const already = hoisted.get(media);
    if (already) return zodComponentName(already);
    if (proposedName in schemas) {
      throw new Error(`cannot name the inline schema "${proposedName}": a component schema already has that name`);
    }
    schemas[proposedName] = media.schema;
    media.schema = { $ref: `#/components/schemas/${proposedName}` };
    hoisted.set(media, proposedName);
    return zodComponentName(proposedName);
  };

  const jsonMediaOf = (holder: unknown): Json | null => {
    if (!isObject(holder)) return null;
    const type = jsonMediaType(holder.content);
    const media = type && isObject(holder.content) ? holder.content[type] : null;
    return isObject(media) && media.schema !== undefined ? media : null;
  };

  const operations = new Map<string, OperationSchemaNames>();
  for (const ref of listOperations(input)) {
    const operationId = ref.operation.operationId;
    if (typeof operationId !== 'string') continue;
    operations.set(operationId, operationNames(input, ref, operationId, jsonMediaOf, hoist));
  }

  const webhooks = new Map<string, string | null>();
  for (const [name, rawItem] of Object.entries(isObject(input.webhooks) ? input.webhooks : {})) {
    const item = resolveRef(input, rawItem);
    const operation = isObject(item) ? Object.values(item).find((op) => isObject(op) && op.requestBody) : undefined;
    const media = isObject(operation) ? jsonMediaOf(resolveRef(input, operation.requestBody)) : null;
    webhooks.set(name, media ? hoist(media, `${pascal(name)}WebhookPayload`) : null);
  }
  // Payloads are reached through `webhookSchemas`; the plugin's own webhook wrappers would only duplicate them.
  delete input.webhooks;
  for (const operationId of operations.keys()) assertNoNameClash(schemas, operationId);

  return { input, operations, webhooks };
}

const OPERATION_SUFFIXES = ['Body', 'Path', 'Query', 'Headers', 'Data', 'Response'];

/** The plugin would quietly rename one of two clashing exports, so the map would point at the wrong schema. */
function assertNoNameClash(schemas: Json, operationId: string): void {
  for (const suffix of OPERATION_SUFFIXES) {
    const operationName = zodOperationName(operationId, suffix);
    const clash = Object.keys(schemas).find((component) => zodComponentName(component) === operationName);
    if (clash) {
      throw new Error(
        `component schema "${clash}" and the ${suffix.toLowerCase()} schema of operation ${operationId} would both be exported as ${operationName}; rename the component`,
      );
    }
  }
}

function operationNames(
  doc: Json,
  ref: OperationRef,
  operationId: string,
  jsonMediaOf: (holder: unknown) => Json | null,
  hoist: (media: Json, proposedName: string) => string,
): OperationSchemaNames {
  const parameters = operationParameters(doc, ref);
  const has = (location: string) => parameters.some((p) => p.in === location);
  const responses = isObject(ref.operation.responses) ? ref.operation.responses : {};
  const statuses = Object.keys(responses).sort(compareStatuses);
  return {
    path: has('path') ? zodOperationName(operationId, 'Path') : null,
    query: has('query') ? zodOperationName(operationId, 'Query') : null,
    headers: has('header') ? zodOperationName(operationId, 'Headers') : null,
    body: ref.operation.requestBody === undefined ? null : zodOperationName(operationId, 'Body'),
    responses: statuses.map((status) => {
      const rawResponse = responses[status];
      const media = jsonMediaOf(resolveRef(doc, rawResponse));
      if (!media) return [status, null];
      // A shared response component gets one schema for all the operations that use it.
      const sharedName = isObject(rawResponse) && typeof rawResponse.$ref === 'string' ? rawResponse.$ref : null;
      const proposed = sharedName
        ? `${pascal(sharedName.split('/').pop() ?? '')}Response`
        : `${upperFirst(identifier(operationId))}Response${upperFirst(status)}`;
      return [status, hoist(media, proposed)];
    }),
  };
}

function exportedNames(source: string): Set<string> {
  return new Set([...source.matchAll(/^export const (\w+)/gm)].map((match) => match[1] as string));
}

function assertExported(names: Set<string>, output: Omit<ZodOutput, 'source'>): void {
  const missing: string[] = [];
  const expect = (name: string | null, what: string) => {
    if (name !== null && !names.has(name)) missing.push(`${name} (${what})`);
  };
  for (const [operationId, parts] of output.operations) {
    expect(parts.path, `${operationId} path parameters`);
    expect(parts.query, `${operationId} query parameters`);
    expect(parts.headers, `${operationId} header parameters`);
    expect(parts.body, `${operationId} request body`);
    for (const [status, name] of parts.responses) expect(name, `${operationId} response ${status}`);
  }
  for (const [webhook, name] of output.webhooks) expect(name, `webhook ${webhook} payload`);
  if (missing.length > 0) {
    throw new Error(`the zod plugin did not emit these expected schemas:\n  ${missing.join('\n  ')}`);
  }
}

/** Runs the zod plugin on the document and returns the module source with the names each operation uses. */
export async function generateZod(doc: Json): Promise<ZodOutput> {
  const prepared = prepareZodInput(doc);
  const outDir = await mkdtemp(join(tmpdir(), 'opentrain-zod-'));
  try {
    const name = (pattern: (base: string) => string) => ({ case: 'preserve' as const, name: pattern });
    await createClient({
      input: prepared.input,
      output: { path: outDir, tsConfigPath: null },
      logs: { level: 'silent', file: false },
      interactive: false,
      plugins: [
        {
          name: 'zod',
          case: 'preserve',
          // Accept timestamps with a UTC offset as well as `Z`: be liberal in what the clients accept.
          dates: { offset: true },
          definitions: name((component) => `z${component}`),
          requests: {
            case: 'preserve',
            body: name((operationId) => `z${upperFirst(operationId)}Body`),
            path: name((operationId) => `z${upperFirst(operationId)}Path`),
            query: name((operationId) => `z${upperFirst(operationId)}Query`),
            headers: name((operationId) => `z${upperFirst(operationId)}Headers`),
          },
          responses: name((operationId) => `z${upperFirst(operationId)}Response`),
        },
      ],
    });
    const files = await readdir(outDir);
    if (!files.includes('zod.gen.ts')) throw new Error(`the zod plugin wrote ${files.join(', ') || 'nothing'}`);
    const raw = await readFile(join(outDir, 'zod.gen.ts'), 'utf8');
    const source = raw.replace(/^(\/\/[^\n]*\n)+\s*/, '');
    assertExported(exportedNames(source), prepared);
    return { source, operations: prepared.operations, webhooks: prepared.webhooks };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
