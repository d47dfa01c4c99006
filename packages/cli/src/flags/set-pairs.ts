import type { InputField } from '@opentrain-ai/sdk/operations';
import { UsageError } from '../errors.js';
import { kindOf, parseList, parseValue, ValueError } from './schema-value.js';

/** Collects every `--set key=value` as typed, in order. */
export function collectSet(raw: string, previous: string[] = []): string[] {
  return [...previous, raw];
}

/**
 * Turns `--set key=value` pairs into a body, each value parsed by its field's schema: `headcount=3` is a number,
 * `languages=Spanish,English` a list (repeating the key adds to the list), `paymentType` must be one of its values.
 */
export function bodyFromPairs(pairs: readonly string[], fields: readonly InputField[]): Record<string, unknown> {
  const known = new Map(fields.filter((field) => field.in === 'body').map((field) => [field.name, field]));
  const body: Record<string, unknown> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--set ${pair}: expected key=value, e.g. --set pricePerHour=25`);
    const key = pair.slice(0, at).trim();
    const raw = pair.slice(at + 1);
    const field = known.get(key);
    if (!field) {
      throw new UsageError(
        `--set ${key}: not a field that can be set; expected one of: ${[...known.keys()].join(', ')}`,
      );
    }
    try {
      const previous = body[key];
      body[key] =
        kindOf(field.schema) === 'array' && Array.isArray(previous)
          ? parseList(raw, field.schema, previous)
          : parseValue(raw, field.schema);
    } catch (error) {
      if (error instanceof ValueError) throw new UsageError(`--set ${key}=${raw}: ${error.message}`);
      throw error;
    }
  }
  return body;
}
