import { type Writer, writeLine } from '../io.js';

export function printJson(out: Writer, value: unknown): void {
  writeLine(out, JSON.stringify(value, null, 2));
}

export function printLines(out: Writer, lines: readonly string[]): void {
  for (const line of lines) writeLine(out, line);
}
