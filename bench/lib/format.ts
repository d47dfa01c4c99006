import { pathToFileURL } from 'node:url';

/** Bytes as kB (1 kB = 1000 bytes, as bundle budgets are usually stated). */
export const kB = (bytes: number): string => `${(bytes / 1000).toFixed(2)} kB`;

export const ms = (value: number): string => `${value.toFixed(1)} ms`;

/** A ratio against the baseline, e.g. `0.42×`. */
export const times = (ratio: number): string => `${ratio.toFixed(2)}×`;

export const count = (value: number): string => Math.round(value).toLocaleString('en-US');

/** Prints rows as an aligned plain-text table; the first column is left-aligned, the others right-aligned. */
export function printTable(headers: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  console.log(line(headers));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}

/** True when the module at `moduleUrl` is the script node (or tsx) was started with, not an import. */
export function isEntryScript(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && pathToFileURL(script).href === moduleUrl;
}
