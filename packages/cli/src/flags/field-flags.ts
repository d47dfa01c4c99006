import type { OperationParams } from '@opentrain-ai/sdk';
import type { InputField, JsonSchema } from '@opentrain-ai/sdk/operations';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { UsageError } from '../errors.js';
import { isPlainObject } from '../plain-object.js';
import { flagName } from './names.js';
import { enumValues, expectation, kindOf, parseList, parseValue, ValueError } from './schema-value.js';

/** A flag for one property of an object field: `--milestone-amount` sets `milestone.amount`. */
export interface PartFlag {
  property: string;
  flag: string;
  option: Option;
}

/** The flag (or, for an object of plain values, the flags) that give one input field of an operation. */
export interface FieldFlag {
  field: InputField;
  /** `--job-id` */
  flag: string;
  option: Option;
  parts: PartFlag[];
}

/** The first sentence of a description, on one line, for help text. */
function shortDescription(text: string | undefined): string {
  const line = (text ?? '').replace(/\s+/g, ' ').trim();
  // A sentence ends at a period followed by a capital letter (so "e.g. `Spanish`" does not end one) or at the end.
  const sentence = line.match(/^.+?\.(?=\s+[A-Z]|$)/)?.[0] ?? line;
  return sentence.replace(/`/g, '');
}

function placeholder(name: string, schema: JsonSchema): string {
  switch (kindOf(schema)) {
    case 'integer':
    case 'number':
      return '<number>';
    case 'enum':
      return '<value>';
    case 'array':
      return '<values>';
    case 'object':
    case 'json':
      return '<json>';
  }
  if (/Id$|^idOrSlug$/.test(name)) return '<id>';
  const text = expectation(schema);
  if (text.startsWith('a date')) return '<date>';
  if (text === 'an email address') return '<email>';
  if (text === 'a URL') return '<url>';
  return '<text>';
}

/** `jobTitle` → `Job title.`: the help of a field the spec does not describe. */
function fromName(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
}

function helpText(description: string | undefined, schema: JsonSchema): string {
  const notes: string[] = [];
  const kind = kindOf(schema);
  if (kind === 'array') notes.push('repeatable or comma-separated');
  if (kind === 'array' && isPlainObject(schema.items) && enumValues(schema.items)) {
    notes.push(`values: ${enumValues(schema.items)?.join(', ')}`);
  }
  if (schema.default !== undefined && kind !== 'boolean') notes.push(`server default: ${String(schema.default)}`);
  const base = shortDescription(description ?? (schema.description as string | undefined));
  return [base, notes.length ? `(${notes.join('; ')})` : ''].filter(Boolean).join(' ');
}

/** A commander option whose value is checked against the schema as it is parsed. */
export function schemaOption(flag: string, name: string, schema: JsonSchema, help: string): Option {
  const kind = kindOf(schema);
  if (kind === 'boolean') return new Option(flag, help);
  const option = new Option(`${flag} ${placeholder(name, schema)}`, help);
  const values = enumValues(schema);
  if (kind === 'enum' && values) return option.choices(values);
  const convert = (run: () => unknown) => {
    try {
      return run();
    } catch (error) {
      if (error instanceof ValueError) throw new InvalidArgumentError(error.message);
      throw error;
    }
  };
  if (kind === 'array') {
    return option.argParser(
      (raw: string, previous: unknown[] | undefined) => convert(() => parseList(raw, schema, previous)) as unknown[],
    );
  }
  return option.argParser((raw: string) => convert(() => parseValue(raw, schema)));
}

/** Plain-value properties of an object field, each of which gets a flag of its own. */
function partSchemas(schema: JsonSchema): Array<[string, JsonSchema]> {
  if (kindOf(schema) !== 'object' || !isPlainObject(schema.properties)) return [];
  const entries = Object.entries(schema.properties).filter((entry): entry is [string, JsonSchema] =>
    isPlainObject(entry[1]),
  );
  const plain = ['string', 'integer', 'number', 'boolean', 'enum'];
  return entries.every(([, property]) => plain.includes(kindOf(property))) ? entries : [];
}

/** One flag per input field, named after its wire name; an object of plain values also gets a flag per property. */
export function fieldFlags(fields: readonly InputField[]): FieldFlag[] {
  const taken = new Set(fields.map((field) => flagName(field.name)));
  return fields.map((field) => {
    const name = flagName(field.name);
    const option = schemaOption(
      `--${name}`,
      field.name,
      field.schema,
      helpText(field.description ?? fromName(field.name), field.schema),
    );
    const parts = partSchemas(field.schema)
      .map(([property, schema]) => ({ property, schema, name: `${name}-${flagName(property)}` }))
      .filter((part) => !taken.has(part.name))
      .map(({ property, schema, name: partName }) => ({
        property,
        flag: `--${partName}`,
        option: schemaOption(
          `--${partName}`,
          property,
          schema,
          helpText((schema.description as string | undefined) ?? `The ${property} of --${name}.`, schema),
        ),
      }));
    if (field.required) {
      option.description = `${option.description} (required${parts.length ? `, or the --${name}-… flags` : ''})`;
    }
    return { field, flag: `--${name}`, option, parts };
  });
}

export function addFieldFlags(command: Command, flags: readonly FieldFlag[]): Command {
  for (const { option, parts } of flags) {
    command.addOption(option);
    for (const part of parts) command.addOption(part.option);
  }
  return command;
}

function givenValue(flag: FieldFlag, values: Record<string, unknown>): unknown {
  const whole = values[flag.option.attributeName()];
  const given = flag.parts.filter((part) => values[part.option.attributeName()] !== undefined);
  if (given.length === 0) return whole;
  const merged: Record<string, unknown> = isPlainObject(whole) ? { ...whole } : {};
  for (const part of given) merged[part.property] = values[part.option.attributeName()];
  return merged;
}

/** How a missing flag is named in a usage error: `--job-id <id>`. */
export function describeFlag(flag: FieldFlag): string {
  const parts = flag.parts.length ? ` (or ${flag.parts.map((part) => part.flag).join(', ')})` : '';
  return `${flag.option.flags}${parts}`;
}

/**
 * The path, query and body of a call from parsed flag values. Every missing required flag is named at once.
 * `withBody`: the operation takes a body, so one is sent (possibly empty) and the schema check can name what it lacks.
 */
export function paramsFromFlags(
  flags: readonly FieldFlag[],
  values: Record<string, unknown>,
  withBody: boolean,
): OperationParams & { path: Record<string, string>; query: Record<string, unknown>; body?: Record<string, unknown> } {
  const path: Record<string, string> = {};
  const query: Record<string, unknown> = {};
  const body: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const flag of flags) {
    const value = givenValue(flag, values);
    if (value === undefined) {
      if (flag.field.required) missing.push(describeFlag(flag));
      continue;
    }
    if (flag.field.in === 'path') path[flag.field.name] = String(value);
    else if (flag.field.in === 'query') query[flag.field.name] = value;
    else body[flag.field.name] = value;
  }
  if (missing.length > 0) {
    throw new UsageError(`missing required flag${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  }
  return withBody ? { path, query, body } : { path, query };
}

/**
 * The flag behind a request-validation issue (`body.milestone.amount` → `--milestone-amount`), so a usage error
 * names what the user typed rather than the wire field.
 */
export function flagForIssue(flags: readonly FieldFlag[], issueField: string): string | undefined {
  const [location, name, property] = issueField.split('.');
  const flag = flags.find((candidate) => candidate.field.in === location && candidate.field.name === name);
  if (!flag) return undefined;
  const part = flag.parts.find((candidate) => candidate.property === property);
  if (part) return part.flag;
  return property ? `${flag.flag} (${issueField.split('.').slice(2).join('.')})` : flag.flag;
}
