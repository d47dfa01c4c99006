import type { JsonSchema } from '@opentrain-ai/sdk/operations';

const TYPE_WORDS: ReadonlyMap<string, string> = new Map([
  ['string', 'a string'],
  ['number', 'a number'],
  ['integer', 'an integer'],
  ['boolean', 'true or false'],
  ['object', 'an object'],
  ['array', 'an array'],
  ['null', 'null'],
]);

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typePhrase(schema: JsonSchema): string | undefined {
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  if (types.length === 0) return undefined;
  const words = types.map((type) => TYPE_WORDS.get(String(type)) ?? String(type)).join(' or ');
  return typeof schema.format === 'string' ? `${words} (${schema.format})` : words;
}

/**
 * A short phrase for what a JSON Schema accepts (`a string (date) or a string (date-time)`), for a validation
 * message whose own text says only that none of a choice's branches matched.
 */
export function summarizeSchema(schema: JsonSchema): string {
  if (Object.hasOwn(schema, 'const')) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) {
    const values = schema.enum.map((value) => JSON.stringify(value));
    return values.length === 1 ? String(values[0]) : `one of ${values.join(', ')}`;
  }
  const type = typePhrase(schema);
  const branches = schema.anyOf ?? schema.oneOf;
  if (!Array.isArray(branches)) return type ?? 'a value of the documented shape';
  const choices = branches.filter(isSchema).map((branch) => {
    // A branch that only names required properties (`{ required: ['name'] }`) narrows the object around it.
    const onlyRequires = Array.isArray(branch.required) && branch.type === undefined;
    return onlyRequires ? `with ${(branch.required as unknown[]).join(' and ')}` : summarizeSchema(branch);
  });
  return [type, choices.join(' or ')].filter(Boolean).join(', ');
}

/** The schema at a dotted argument path (`milestone.dueDate`, `eventTypes.1`) of a tool's input schema. */
export function schemaAt(inputSchema: JsonSchema, path: string): JsonSchema | undefined {
  let schema: JsonSchema | undefined = inputSchema;
  for (const segment of path.split('.')) {
    if (!schema) return undefined;
    const properties: unknown = schema.properties;
    const next: unknown = /^\d+$/.test(segment)
      ? schema.items
      : isSchema(properties) && Object.hasOwn(properties, segment)
        ? properties[segment]
        : undefined;
    schema = isSchema(next) ? next : undefined;
  }
  return schema;
}
