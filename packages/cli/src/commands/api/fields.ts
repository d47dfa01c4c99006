import type { InputField } from '@opentrain-ai/sdk/operations';
import { UsageError } from '../../errors.js';
import { kindOf, parseValue, ValueError } from '../../flags/schema-value.js';
import { isPlainObject } from '../../plain-object.js';

/** One `-f key=value` (kept as text) or `-F key=value` (typed), in the order given. */
export interface FieldArg {
  raw: string;
  typed: boolean;
}

/** Reads `@path` values and `--input`: a file, or standard input for `-`; `label` names the flag in errors. */
export type ReadSource = (path: string, label: string) => Promise<string>;

const flagOf = (field: FieldArg) => (field.typed ? '-F' : '-f');

/**
 * `milestone[name]` and `milestone.name` → ['milestone', 'name']; `scopes[]` → ['scopes', ''], where the empty last
 * key appends to a list.
 */
function keyPath(key: string, label: string): string[] {
  const shape = /^([^.[\]]+)((?:\[[^[\]]*\]|\.[^.[\]]+)*)$/.exec(key);
  if (!shape) {
    throw new UsageError(`${label}: expected a key such as name, milestone[name], milestone.name or scopes[]`);
  }
  const rest = Array.from((shape[2] ?? '').matchAll(/\[([^[\]]*)\]|\.([^.[\]]+)/g), (part) => part[1] ?? part[2] ?? '');
  const path = [shape[1] ?? '', ...rest];
  if (path.slice(0, -1).includes('')) throw new UsageError(`${label}: [] may only end a key (scopes[]=value)`);
  return path;
}

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/;

/** `-F`: true, false, null and numbers become JSON values, `@file` the file's text; anything else stays text. */
async function typedValue(text: string, read: ReadSource, label: string): Promise<unknown> {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  if (NUMBER.test(text)) {
    const value = Number(text);
    // Digits past what a number keeps exactly (a long id) stay text rather than change.
    if (Number.isFinite(value) && (!Number.isInteger(value) || Number.isSafeInteger(value))) return value;
  }
  if (text.startsWith('@')) return read(text.slice(1), label);
  return text;
}

/** Sets `value` at `path` in `root`, creating objects on the way; `[]` appends. */
function assign(root: Record<string, unknown>, path: readonly string[], value: unknown, label: string): void {
  const clash = () => new UsageError(`${label}: the key is used both for a value and for nested fields`);
  let node = root;
  for (const [index, key] of path.entries()) {
    const next = path[index + 1];
    if (next === '') {
      const list = node[key] ?? [];
      if (!Array.isArray(list)) throw clash();
      node[key] = [...list, value];
      return;
    }
    if (next === undefined) {
      if (node[key] !== undefined && (isPlainObject(node[key]) || Array.isArray(node[key]))) throw clash();
      node[key] = value;
      return;
    }
    const child = node[key] ?? {};
    if (!isPlainObject(child)) throw clash();
    node[key] = child;
    node = child;
  }
}

/** Every `-f`/`-F` as one object, in the order they were given (a later value for the same key wins). */
export async function fieldsObject(fields: readonly FieldArg[], read: ReadSource): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = {};
  for (const field of fields) {
    const label = `${flagOf(field)} ${field.raw}`;
    const at = field.raw.indexOf('=');
    if (at <= 0) throw new UsageError(`${label}: expected key=value, e.g. ${flagOf(field)} name=ci`);
    const text = field.raw.slice(at + 1);
    const value = field.typed ? await typedValue(text, read, label) : text;
    assign(result, keyPath(field.raw.slice(0, at), label), value, label);
  }
  return result;
}

/** A query value as it travels: text. */
function asText(value: unknown): unknown {
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

/**
 * The query string as the operation declares it. Everything in a URL is text, so `-f limit=10` and `-F limit=10` say
 * the same; a declared parameter gets the type its schema gives (`limit` an integer, `unreadOnly` a boolean), and a
 * value that cannot be one is a usage error naming the parameter.
 */
export function typedQuery(query: Record<string, unknown>, fields: readonly InputField[]): Record<string, unknown> {
  const declared = new Map(fields.filter((field) => field.in === 'query').map((field) => [field.name, field]));
  const typed: Record<string, unknown> = {};
  for (const [name, given] of Object.entries(query)) {
    const field = declared.get(name);
    const value = asText(given);
    if (!field || typeof value !== 'string' || kindOf(field.schema) === 'array') {
      typed[name] = value;
      continue;
    }
    try {
      typed[name] = parseValue(value, field.schema);
    } catch (error) {
      if (error instanceof ValueError) throw new UsageError(`query parameter ${name}=${value}: ${error.message}`);
      throw error;
    }
  }
  return typed;
}
