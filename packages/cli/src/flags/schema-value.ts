import type { JsonSchema } from '@opentrain-ai/sdk/operations';
import { isPlainObject } from '../plain-object.js';

/** How a value is given on the command line, decided by the field's JSON Schema. */
export type ValueKind = 'string' | 'integer' | 'number' | 'boolean' | 'enum' | 'array' | 'object' | 'json';

/** A value that does not fit its schema; the message says what was expected. */
export class ValueError extends Error {
  override name = 'ValueError';
}

const branches = (schema: JsonSchema): JsonSchema[] =>
  [schema.anyOf, schema.oneOf].flatMap((list) => (Array.isArray(list) ? list.filter(isPlainObject) : []));

export function enumValues(schema: JsonSchema): string[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum.map(String);
  if (typeof schema.const === 'string') return [schema.const];
  return undefined;
}

export function kindOf(schema: JsonSchema): ValueKind {
  if (enumValues(schema)) return 'enum';
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return 'array';
    case 'object':
      return 'object';
  }
  // A choice of types: a switch when one branch is a boolean (`unreadOnly` takes true or "1"), text when every
  // branch is text (a date or a date-time), otherwise any JSON value.
  const options = branches(schema);
  if (options.some((option) => option.type === 'boolean')) return 'boolean';
  if (options.length > 0 && options.every((option) => option.type === 'string')) return 'string';
  return 'json';
}

function range(schema: JsonSchema, noun: string): string {
  const { minimum, maximum, exclusiveMinimum } = schema;
  if (typeof minimum === 'number' && typeof maximum === 'number') return `${noun} from ${minimum} to ${maximum}`;
  if (typeof exclusiveMinimum === 'number') return `${noun} greater than ${exclusiveMinimum}`;
  if (typeof minimum === 'number') return `${noun} of at least ${minimum}`;
  if (typeof maximum === 'number') return `${noun} of at most ${maximum}`;
  return noun;
}

/** What a value of this schema looks like, in words: "an integer from 1 to 100", "one of: A, B". */
export function expectation(schema: JsonSchema): string {
  const kind = kindOf(schema);
  switch (kind) {
    case 'enum':
      return `one of: ${enumValues(schema)?.join(', ')}`;
    case 'integer':
      return range(schema, 'an integer');
    case 'number':
      return range(schema, 'a number');
    case 'boolean':
      return 'true or false';
    case 'array':
      return `a comma-separated list of ${isPlainObject(schema.items) ? plural(schema.items) : 'values'}`;
    case 'object':
      return 'a JSON object, e.g. {"name":"value"}';
    case 'json':
      return 'a JSON value or text';
    default:
      return describeText(schema);
  }
}

function plural(items: JsonSchema): string {
  const values = enumValues(items);
  if (values) return `values from: ${values.join(', ')}`;
  if (items.type === 'integer' || items.type === 'number') return 'numbers';
  return 'values';
}

function describeText(schema: JsonSchema): string {
  const formats = [schema, ...branches(schema)].map((option) => option.format).filter(Boolean);
  if (formats.includes('date')) return 'a date (YYYY-MM-DD)';
  if (formats.includes('email')) return 'an email address';
  if (formats.includes('uri')) return 'a URL';
  return 'text';
}

function fail(schema: JsonSchema): never {
  throw new ValueError(`Expected ${expectation(schema)}.`);
}

function checkRange(value: number, schema: JsonSchema): void {
  const { minimum, maximum, exclusiveMinimum } = schema;
  if (typeof minimum === 'number' && value < minimum) fail(schema);
  if (typeof maximum === 'number' && value > maximum) fail(schema);
  if (typeof exclusiveMinimum === 'number' && value <= exclusiveMinimum) fail(schema);
}

function parseNumber(raw: string, schema: JsonSchema, integer: boolean): number {
  const text = raw.trim();
  const pattern = integer ? /^[-+]?\d+$/ : /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
  if (!pattern.test(text)) fail(schema);
  const value = Number(text);
  if (!Number.isFinite(value) || (integer && !Number.isSafeInteger(value))) fail(schema);
  checkRange(value, schema);
  return value;
}

function parseBoolean(raw: string, schema: JsonSchema): boolean {
  const text = raw.trim().toLowerCase();
  if (['true', 'yes', '1'].includes(text)) return true;
  if (['false', 'no', '0'].includes(text)) return false;
  return fail(schema);
}

/** One list item, or a whole list split at commas; repeated flags add to the list the previous ones built. */
export function parseList(raw: string, schema: JsonSchema, previous: unknown[] = []): unknown[] {
  const items = isPlainObject(schema.items) ? schema.items : {};
  const parts = raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  try {
    return [...previous, ...parts.map((part) => parseValue(part, items))];
  } catch (error) {
    if (error instanceof ValueError) fail(schema);
    throw error;
  }
}

/** Turns the text of a flag (or of `--set key=value`) into the value its schema asks for. */
export function parseValue(raw: string, schema: JsonSchema): unknown {
  switch (kindOf(schema)) {
    case 'enum': {
      if (!enumValues(schema)?.includes(raw)) fail(schema);
      return raw;
    }
    case 'integer':
      return parseNumber(raw, schema, true);
    case 'number':
      return parseNumber(raw, schema, false);
    case 'boolean':
      return parseBoolean(raw, schema);
    case 'array':
      return parseList(raw, schema);
    case 'object': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        return fail(schema);
      }
      if (!isPlainObject(parsed)) fail(schema);
      return parsed;
    }
    case 'json':
      // A field whose type the docs do not give: JSON when it parses, the text as it is otherwise.
      try {
        return JSON.parse(raw);
      } catch {
        return raw;
      }
    default:
      return raw;
  }
}
