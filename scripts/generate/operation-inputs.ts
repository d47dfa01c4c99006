// Renders packages/sdk/src/generated/operation-inputs.ts: for each operation, every input a caller can give (path and
// query parameters and the top-level body fields) with its JSON Schema and description, straight from the spec. The
// MCP server builds its tool input schemas from it and the CLI its flags, so neither restates the contract.
import { isObject, type Json, listOperations, operationParameters, resolveRef } from './openapi.js';
import { literal, propertyKey } from './render.js';

export interface InputField {
  name: string;
  in: 'path' | 'query' | 'body';
  required: boolean;
  description?: string;
  schema: Json;
}

export interface OperationInputs {
  fields: InputField[];
  /**
   * The request body: `fields` holds its top-level properties when it is an object, or the properties of every
   * variant (none required) when it is a choice of objects (`flattened: 'variants'`). `none` means the body could not
   * be split into fields and is given whole.
   */
  body: { required: boolean; contentType: string; flattened: 'object' | 'variants' | 'none'; schema: Json } | null;
}

// Keywords kept in the emitted schemas: what a tool or flag needs to describe and check a value. Vendor extensions,
// examples and markers are left out.
const KEPT_KEYWORDS = new Set([
  'type',
  'description',
  'enum',
  'const',
  'format',
  'default',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'items',
  'properties',
  'required',
  'additionalProperties',
  'oneOf',
  'anyOf',
  'allOf',
  'nullable',
]);

/** The schema with every local `$ref` inlined and only the kept keywords. Refuses a recursive schema. */
export function inlineSchema(doc: Json, node: unknown, trail: readonly string[] = []): Json {
  if (isObject(node) && typeof node.$ref === 'string') {
    if (trail.includes(node.$ref)) throw new Error(`schema ${node.$ref} refers to itself; it cannot be inlined`);
    const { $ref, ...siblings } = node;
    const target = inlineSchema(doc, resolveRef(doc, { $ref }), [...trail, $ref]);
    // Siblings of a $ref (a description on the use site) win over the target's own.
    return { ...target, ...inlineSchema(doc, siblings, trail) };
  }
  if (!isObject(node)) return {};
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (!KEPT_KEYWORDS.has(key)) continue;
    if (key === 'properties' && isObject(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, child]) => [name, inlineSchema(doc, child, trail)]),
      );
    } else if ((key === 'items' || key === 'additionalProperties') && isObject(value)) {
      out[key] = inlineSchema(doc, value, trail);
    } else if ((key === 'oneOf' || key === 'anyOf' || key === 'allOf') && Array.isArray(value)) {
      out[key] = value.map((child) => inlineSchema(doc, child, trail));
    } else {
      out[key] = value;
    }
  }
  return out;
}

const stringList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** The string values a schema allows when it is nothing but a string `const` or `enum`, else undefined. */
function stringChoices(schema: Json): string[] | undefined {
  const { type, const: only, enum: choices, description: _description, ...rest } = schema;
  if (type !== 'string' || Object.keys(rest).length > 0) return undefined;
  if (typeof only === 'string') return [only];
  if (Array.isArray(choices) && choices.every((choice) => typeof choice === 'string')) return choices;
  return undefined;
}

/**
 * One field that several shapes of a body define: kept as is when they agree, else a string enum of every value
 * they allow (the `format` of a draft: `text`, or one of the import formats), else any one of the schemas.
 */
function mergeVariantFields(fields: InputField[]): InputField {
  const [first, ...others] = fields as [InputField, ...InputField[]];
  const schemas = [first.schema, ...others.map((field) => field.schema)].filter(
    (schema, index, all) => all.findIndex((other) => literal(other) === literal(schema)) === index,
  );
  if (schemas.length === 1) return first;
  const choices = schemas.map(stringChoices);
  const merged: Json = choices.every((list) => list !== undefined)
    ? { type: 'string', enum: [...new Set(choices.flat())] }
    : { anyOf: schemas };
  // A description written for one shape would mislead about the others, so only a shared one is kept.
  const { description: _firstDescription, ...field } = first;
  const shared = fields.every((other) => other.description === first.description) ? first.description : undefined;
  if (shared === undefined) return { ...field, schema: merged };
  return { ...field, description: shared, schema: { ...merged, description: shared } };
}

/** The body's top-level fields, and how they were found. */
function bodyFields(schema: Json): { fields: InputField[]; flattened: 'object' | 'variants' | 'none' } {
  const fieldsOf = (object: Json, requiredNames: readonly string[]): InputField[] =>
    Object.entries(isObject(object.properties) ? object.properties : {}).map(([name, child]) => {
      const field: InputField = { name, in: 'body', required: requiredNames.includes(name), schema: child as Json };
      const description = (child as Json).description;
      if (typeof description === 'string') field.description = description;
      return field;
    });
  if (isObject(schema.properties))
    return { fields: fieldsOf(schema, stringList(schema.required)), flattened: 'object' };
  const parts = Array.isArray(schema.allOf) ? (schema.allOf as Json[]) : undefined;
  if (parts?.every((part) => isObject(part.properties))) {
    return { fields: parts.flatMap((part) => fieldsOf(part, stringList(part.required))), flattened: 'object' };
  }
  const variants = (schema.oneOf ?? schema.anyOf) as Json[] | undefined;
  if (Array.isArray(variants) && variants.every((variant) => isObject(variant.properties))) {
    const byName = new Map<string, InputField[]>();
    for (const variant of variants) {
      for (const field of fieldsOf(variant, [])) byName.set(field.name, [...(byName.get(field.name) ?? []), field]);
    }
    return { fields: [...byName.values()].map(mergeVariantFields), flattened: 'variants' };
  }
  return { fields: [], flattened: 'none' };
}

function inputsOf(doc: Json, ref: ReturnType<typeof listOperations>[number]): OperationInputs {
  const where = `${ref.method.toUpperCase()} ${ref.path}`;
  const fields: InputField[] = [];
  for (const parameter of operationParameters(doc, ref)) {
    if (parameter.in !== 'path' && parameter.in !== 'query') continue;
    const schema = inlineSchema(doc, parameter.schema);
    const field: InputField = { name: parameter.name, in: parameter.in, required: parameter.required, schema };
    const description = parameter.description ?? schema.description;
    if (typeof description === 'string') field.description = description;
    fields.push(field);
  }
  let body: OperationInputs['body'] = null;
  if (ref.operation.requestBody !== undefined) {
    const requestBody = resolveRef(doc, ref.operation.requestBody) as Json;
    const content = isObject(requestBody.content) ? requestBody.content : {};
    const [contentType, media] = Object.entries(content)[0] ?? [];
    if (!contentType) throw new Error(`${where}: requestBody has no content`);
    const schema = inlineSchema(doc, (media as Json | undefined)?.schema);
    const found = bodyFields(schema);
    for (const field of found.fields) {
      const clash = fields.find((other) => other.name === field.name);
      if (clash) throw new Error(`${where}: body field "${field.name}" has the name of a ${clash.in} parameter`);
      fields.push(field);
    }
    body = { required: requestBody.required === true, contentType, flattened: found.flattened, schema };
  }
  return { fields, body };
}

/** Inputs of every operation of one document, by operationId. */
export function buildOperationInputs(doc: Json): Map<string, OperationInputs> {
  const inputs = new Map<string, OperationInputs>();
  for (const ref of listOperations(doc)) {
    if (typeof ref.operation.operationId === 'string') inputs.set(ref.operation.operationId, inputsOf(doc, ref));
  }
  return inputs;
}

/** Objects at least this long (as a literal) are written once and referred to, when they occur more than once. */
const SHARED_MIN_LENGTH = 120;

/**
 * Renders values as TypeScript literals, writing every large object that occurs more than once (the job fields that
 * both job updates take, a cursor parameter, ...) as one `const` the others refer to. `consts` lists them in an order
 * where each comes after the ones it uses.
 */
function sharedLiterals(values: readonly unknown[]): { render: (value: unknown) => string; consts: string[] } {
  const counts = new Map<string, number>();
  const count = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(count);
    else if (isObject(value)) {
      Object.values(value).forEach(count);
      const key = literal(value);
      if (key.length >= SHARED_MIN_LENGTH) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  };
  values.forEach(count);

  const names = new Map<string, string>();
  const consts: string[] = [];
  const render = (value: unknown): string => {
    if (Array.isArray(value)) return `[${value.map(render).join(', ')}]`;
    if (!isObject(value)) return JSON.stringify(value);
    const written = `{ ${Object.entries(value)
      .map(([key, item]) => `${propertyKey(key)}: ${render(item)}`)
      .join(', ')} }`;
    const key = literal(value);
    if ((counts.get(key) ?? 0) < 2) return written;
    let name = names.get(key);
    if (!name) {
      name = `shared${names.size + 1}`;
      names.set(key, name);
      consts.push(`const ${name} = ${written} as const;`);
    }
    return name;
  };
  return { render, consts };
}

export function renderOperationInputs(header: string, inputs: Map<string, OperationInputs>): string {
  const ids = [...inputs.keys()].sort();
  const { render, consts } = sharedLiterals(ids.map((id) => inputs.get(id)));
  const entries = ids.map((id) => `  ${id}: ${render(inputs.get(id))},`);
  return `${header}import type { OperationId } from './operations.js';

/** A JSON Schema (2020-12) as the spec gives it, with every reference inlined. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** One input of an operation: a path or query parameter, or a top-level field of the request body. */
export interface InputField {
  readonly name: string;
  readonly in: 'path' | 'query' | 'body';
  readonly required: boolean;
  readonly description?: string;
  readonly schema: JsonSchema;
}

/** Everything a caller can give one operation. */
export interface OperationInputs {
  readonly fields: readonly InputField[];
  /**
   * The request body. Its top-level properties are in \`fields\` when it is an object (\`object\`) or a choice of
   * objects (\`variants\`: every variant's properties, none required); \`none\` means it is given whole.
   */
  readonly body: {
    readonly required: boolean;
    readonly contentType: string;
    readonly flattened: 'object' | 'variants' | 'none';
    readonly schema: JsonSchema;
  } | null;
}

// Inputs that several operations share, written once.
${consts.join('\n')}

export const operationInputs: { readonly [K in OperationId]: OperationInputs } = {
${entries.join('\n')}
};
`;
}
