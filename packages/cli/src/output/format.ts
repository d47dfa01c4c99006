import stringWidth from 'string-width';
import { isPlainObject } from '../plain-object.js';

// Human summaries of API answers: objects as `key: value` lines, lists as aligned columns. `--json` bypasses all of
// this and prints the answer exactly.

export type Json = Record<string, unknown>;

/** A table column: a dotted path into each item, and its heading. */
export interface Column {
  path: string;
  label: string;
}

const MAX_CELL = 60;
const MAX_COLUMNS = 6;

const isScalar = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

export function valueAt(item: unknown, path: string): unknown {
  let current = item;
  for (const key of path.split('.')) {
    if (!isPlainObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** One value as text: `-` for nothing, lists joined with commas, anything else as compact JSON. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '(none)';
    if (value.every(isScalar)) return value.map(formatValue).join(', ');
  }
  return JSON.stringify(value);
}

function cell(value: unknown): string {
  // Cut by code points, so an emoji or other character outside the BMP is never split in half.
  const characters = [...formatValue(value).replace(/\s+/g, ' ')];
  return characters.length > MAX_CELL ? `${characters.slice(0, MAX_CELL - 1).join('')}…` : characters.join('');
}

/** `proposalCounts.total` → `TOTAL`, `amountUsd` → `AMOUNT USD`. */
export function headingFor(path: string): string {
  const last = path.split('.').at(-1) ?? path;
  return last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toUpperCase();
}

/** Columns for items no preset covers: the id, then the first few plain fields. */
export function guessColumns(items: readonly unknown[]): Column[] {
  const first = items.find(isPlainObject);
  if (!first) return [{ path: '', label: 'VALUE' }];
  const keys = Object.keys(first).filter((key) => isScalar(first[key]) || Array.isArray(first[key]));
  const ordered = keys.includes('id') ? ['id', ...keys.filter((key) => key !== 'id')] : keys;
  return ordered.slice(0, MAX_COLUMNS).map((path) => ({ path, label: headingFor(path) }));
}

const cellsOf = (item: unknown, columns: readonly Column[]) =>
  columns.map((column) => cell(column.path ? valueAt(item, column.path) : item));

/** Column widths that fit the headings and these items, in terminal columns (a CJK character or emoji takes two). */
export function measure(columns: readonly Column[], items: readonly unknown[]): number[] {
  const rows = items.map((item) => cellsOf(item, columns));
  return columns.map((column, index) =>
    Math.max(stringWidth(column.label), ...rows.map((row) => stringWidth(row[index] ?? ''))),
  );
}

/** Pads to `width` terminal columns; `padEnd` would count UTF-16 units and misalign wide characters. */
const padToWidth = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - stringWidth(text)));

function align(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((text, index) => (index === cells.length - 1 ? text : padToWidth(text, widths[index] ?? 0)))
    .join('  ')
    .trimEnd();
}

export function headingLine(columns: readonly Column[], widths: readonly number[]): string {
  return align(
    columns.map((column) => column.label),
    widths,
  );
}

/** One aligned line per item. The widths are passed in so later pages of `--all` stay in line with the first. */
export function rowLines(items: readonly unknown[], columns: readonly Column[], widths: readonly number[]): string[] {
  return items.map((item) => align(cellsOf(item, columns), widths));
}

/** A heading and one line per item. */
export function formatTable(items: readonly unknown[], columns: readonly Column[]): string[] {
  const widths = measure(columns, items);
  return [headingLine(columns, widths), ...rowLines(items, columns, widths)];
}

type Entry = { key: string; value: string } | { key: string; table: unknown[] };

function entries(object: Json, prefix: string, depth: number): Entry[] {
  const result: Entry[] = [];
  for (const [name, value] of Object.entries(object)) {
    const key = `${prefix}${name}`;
    if (isPlainObject(value) && depth < 2 && Object.keys(value).length > 0) {
      result.push(...entries(value, `${key}.`, depth + 1));
    } else if (Array.isArray(value) && value.length > 0 && value.some(isPlainObject)) {
      result.push({ key, table: value });
    } else {
      result.push({ key, value: formatValue(value) });
    }
  }
  return result;
}

/**
 * `key: value` lines, nested objects flattened to dotted keys, lists of objects as indented tables. An answer that
 * only wraps one object (`{ "contract": {...} }`) shows that object.
 */
export function formatObject(object: Json): string[] {
  const keys = Object.keys(object);
  const only = keys.length === 1 ? object[keys[0] as string] : undefined;
  const subject = isPlainObject(only) ? only : object;
  const list = entries(subject, '', 0);
  const width = Math.max(0, ...list.filter((entry) => 'value' in entry).map((entry) => entry.key.length + 1));
  const lines: string[] = [];
  for (const entry of list) {
    if ('value' in entry) {
      lines.push(`${`${entry.key}:`.padEnd(width)} ${entry.value}`);
      continue;
    }
    lines.push(`${entry.key}:`);
    lines.push(...formatTable(entry.table, guessColumns(entry.table)).map((row) => `  ${row}`));
  }
  return lines;
}
