import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;

/** One JSON example found in an OpenAPI document, with the JSON pointer of the schema it must satisfy. */
export interface SpecExample {
  /** Human-readable place, e.g. `POST /api/public/v1/job-drafts 201 application/json "documented"`. */
  where: string;
  schemaPointer: string;
  value: unknown;
}

export interface ExampleFailure {
  where: string;
  errors: string[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const escapePointer = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

function resolveLocalRef(doc: Json, node: Json): { node: Json; pointer?: string } {
  const ref = node.$ref;
  if (typeof ref !== 'string') return { node };
  if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported, got ${ref}`);
  let target: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    target = (target as Json | undefined)?.[key];
  }
  if (!target || typeof target !== 'object') throw new Error(`Unresolvable $ref ${ref}`);
  return { node: target as Json, pointer: ref.slice(1) };
}

function examplesOfContent(doc: Json, content: unknown, pointer: string, label: string): SpecExample[] {
  if (!content || typeof content !== 'object') return [];
  const found: SpecExample[] = [];
  for (const [mediaType, media] of Object.entries(content as Json)) {
    const mediaNode = media as Json;
    if (!mediaNode.schema) continue;
    const schemaPointer = `${pointer}/${escapePointer(mediaType)}/schema`;
    if ('example' in mediaNode) {
      found.push({ where: `${label} ${mediaType} (example)`, schemaPointer, value: mediaNode.example });
    }
    for (const [name, example] of Object.entries((mediaNode.examples ?? {}) as Json)) {
      const resolved = resolveLocalRef(doc, example as Json).node;
      if ('value' in resolved) {
        found.push({ where: `${label} ${mediaType} "${name}"`, schemaPointer, value: resolved.value });
      }
    }
  }
  return found;
}

/** Every request and response example of every operation and webhook in the document. */
export function collectExamples(doc: Json): SpecExample[] {
  const found: SpecExample[] = [];
  for (const section of ['paths', 'webhooks'] as const) {
    for (const [path, item] of Object.entries((doc[section] ?? {}) as Json)) {
      for (const method of METHODS) {
        const op = (item as Json)[method] as Json | undefined;
        if (!op) continue;
        const opPointer = `/${section}/${escapePointer(path)}/${method}`;
        const label = `${method.toUpperCase()} ${path}`;
        if (op.requestBody) {
          const { node, pointer } = resolveLocalRef(doc, op.requestBody as Json);
          found.push(
            ...examplesOfContent(
              doc,
              node.content,
              `${pointer ?? `${opPointer}/requestBody`}/content`,
              `${label} request`,
            ),
          );
        }
        for (const [status, response] of Object.entries((op.responses ?? {}) as Json)) {
          const { node, pointer } = resolveLocalRef(doc, response as Json);
          const base = pointer ?? `${opPointer}/responses/${escapePointer(status)}`;
          found.push(...examplesOfContent(doc, node.content, `${base}/content`, `${label} ${status}`));
        }
      }
    }
  }
  return found;
}

/** Validates every example against its schema with a JSON Schema 2020-12 validator, formats included. */
export function validateExamples(doc: Json): { checked: number; failures: ExampleFailure[] } {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ ...doc, $id: 'spec' });
  const failures: ExampleFailure[] = [];
  const examples = collectExamples(doc);
  const seen = new Set<string>();
  let checked = 0;
  for (const example of examples) {
    // Shared responses are reached from many operations; check each of their examples once.
    const key = `${example.schemaPointer}|${JSON.stringify(example.value)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    checked++;
    const validate = ajv.getSchema(`spec#${example.schemaPointer}`);
    if (!validate) {
      failures.push({ where: example.where, errors: [`no schema at ${example.schemaPointer}`] });
      continue;
    }
    if (!validate(example.value)) {
      failures.push({
        where: example.where,
        errors: (validate.errors ?? []).map(
          (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
        ),
      });
    }
  }
  return { checked, failures };
}
