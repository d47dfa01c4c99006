// Small, dependency-free helpers for walking a parsed OpenAPI 3.x document.

export type Json = Record<string, unknown>;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const unescapePointer = (segment: string) => segment.replaceAll('~1', '/').replaceAll('~0', '~');

/** The node a local `$ref` points at, or the node itself when it is not a reference. Follows chains of refs. */
export function resolveRef(doc: Json, node: unknown): unknown {
  const seen = new Set<string>();
  let current = node;
  while (isObject(current) && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (seen.has(ref)) throw new Error(`$ref cycle through ${ref}`);
    seen.add(ref);
    current = lookupPointer(doc, ref);
  }
  return current;
}

export function lookupPointer(doc: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported, got "${ref}"`);
  let target: unknown = doc;
  for (const segment of ref.slice(2).split('/')) {
    target = isObject(target) ? target[unescapePointer(segment)] : undefined;
  }
  if (target === undefined) throw new Error(`$ref "${ref}" points at nothing`);
  return target;
}

/** `#/components/schemas/Job` -> `Job`; null for anything else. */
export function componentSchemaName(node: unknown): string | null {
  if (!isObject(node) || typeof node.$ref !== 'string') return null;
  const match = /^#\/components\/schemas\/([^/]+)$/.exec(node.$ref);
  return match?.[1] ? unescapePointer(match[1]) : null;
}

/** The JSON media type of a content map (`application/json` first, then any `+json` or `/json`), or null. */
export function jsonMediaType(content: unknown): string | null {
  if (!isObject(content)) return null;
  const types = Object.keys(content);
  if (types.includes('application/json')) return 'application/json';
  return types.find((type) => /[/+]json\b/i.test(type)) ?? null;
}

export interface OperationRef {
  path: string;
  method: HttpMethod;
  pathItem: Json;
  operation: Json;
}

/** Every operation under `paths`, in document order. */
export function listOperations(doc: Json): OperationRef[] {
  const found: OperationRef[] = [];
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const pathItem = resolveRef(doc, rawItem);
    if (!isObject(pathItem)) continue;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (isObject(operation)) found.push({ path, method, pathItem, operation });
    }
  }
  return found;
}

export interface ResolvedParameter {
  name: string;
  in: string;
  required: boolean;
  description: string | undefined;
  schema: unknown;
}

/** Path-level and operation-level parameters merged; an operation parameter overrides a path one with the same name and location. */
export function operationParameters(doc: Json, ref: OperationRef): ResolvedParameter[] {
  const merged: ResolvedParameter[] = [];
  const raw = [
    ...(Array.isArray(ref.pathItem.parameters) ? ref.pathItem.parameters : []),
    ...(Array.isArray(ref.operation.parameters) ? ref.operation.parameters : []),
  ];
  for (const entry of raw) {
    const parameter = resolveRef(doc, entry);
    if (!isObject(parameter) || typeof parameter.name !== 'string' || typeof parameter.in !== 'string') {
      throw new Error(`${ref.method.toUpperCase()} ${ref.path}: a parameter has no name or no "in"`);
    }
    const resolved: ResolvedParameter = {
      name: parameter.name,
      in: parameter.in,
      required: parameter.required === true,
      description: typeof parameter.description === 'string' ? parameter.description : undefined,
      schema: parameter.schema,
    };
    const existing = merged.findIndex((p) => p.name === resolved.name && p.in === resolved.in);
    if (existing >= 0) merged[existing] = resolved;
    else merged.push(resolved);
  }
  return merged;
}
