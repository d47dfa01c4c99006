import type { OperationRow, PaginationRule, Paginator } from '@opentrain-ai/sdk';
import type { CliContext } from '../io.js';
import { writeLine } from '../io.js';
import { isPlainObject } from '../plain-object.js';
import { columnsFor } from './columns.js';
import { type Column, formatObject, formatTable, headingLine, measure, rowLines } from './format.js';
import { printJson, printLines } from './print.js';

/** The list an answer holds: the operation's page items, or the one array of an answer made of a list. */
export function listIn(data: unknown, itemsKey?: string): { key: string; items: unknown[] } | undefined {
  if (!isPlainObject(data)) return undefined;
  const preferred = itemsKey ? data[itemsKey] : undefined;
  if (itemsKey && Array.isArray(preferred)) return { key: itemsKey, items: preferred };
  const values = Object.entries(data);
  const arrays = values.filter((entry): entry is [string, unknown[]] => Array.isArray(entry[1]));
  const restIsPlain = values.every(([, value]) => Array.isArray(value) || value === null || typeof value !== 'object');
  const [only] = arrays;
  return arrays.length === 1 && only && restIsPlain ? { key: only[0], items: only[1] } : undefined;
}

const noun = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();

/** Where to go from this page; stderr, so stdout stays the list itself. */
function pageHint(rule: PaginationRule, data: Record<string, unknown>): string | undefined {
  const next = data[rule.nextCursor];
  if (typeof next !== 'string' || next === '') return undefined;
  if (rule.hasMore && data[rule.hasMore] !== true) {
    return `Up to date. Pass --cursor ${next} next time to get only what is newer.`;
  }
  return `More results: pass --cursor ${next} for the next page, or --all for every page.`;
}

/** The list a page holds: the rule's items field, or its alternate list when the page has no items field. */
function listFieldOf(row: OperationRow, body: unknown): string {
  const rule = row.pagination;
  if (!rule) return 'items';
  const hasItems = typeof body === 'object' && body !== null && rule.items in body;
  return rule.alternateItems !== undefined && !hasItems ? rule.alternateItems : rule.items;
}

/** Prints one answer: exactly as JSON with `--json`, otherwise as a table or `key: value` lines. */
export function printResult(ctx: CliContext, row: OperationRow, data: unknown, json: boolean | undefined): void {
  if (json) {
    printJson(ctx.stdout, data);
    return;
  }
  const list = listIn(data, row.pagination ? listFieldOf(row, data) : undefined);
  if (list) {
    if (list.items.length === 0) writeLine(ctx.stdout, `No ${noun(list.key)} found.`);
    else printLines(ctx.stdout, formatTable(list.items, columnsFor(row.operationId, list.key, list.items)));
  } else {
    const lines = isPlainObject(data) ? formatObject(data) : [];
    // An answer with nothing to show (no body, or an empty one) still says the command did its work.
    printLines(ctx.stdout, lines.length > 0 ? lines : ['Done.']);
  }
  const hint = row.pagination && isPlainObject(data) ? pageHint(row.pagination, data) : undefined;
  if (hint) writeLine(ctx.stderr, hint);
}

/**
 * Walks every page, fetching the next one only after the current one is printed. With `--json` each item is one
 * line of JSON (JSON Lines), so a long list streams instead of building up in memory.
 */
export async function printEveryPage(
  ctx: CliContext,
  row: OperationRow,
  paginator: Paginator<unknown, unknown>,
  json: boolean | undefined,
): Promise<void> {
  let layout: { columns: Column[]; widths: number[] } | undefined;
  let count = 0;
  let listName = row.pagination?.items ?? 'items';
  let lastBody: unknown;
  for await (const page of paginator.pages()) {
    count += page.items.length;
    lastBody = page.body;
    listName = listFieldOf(row, page.body);
    if (json) {
      for (const item of page.items) writeLine(ctx.stdout, JSON.stringify(item));
      continue;
    }
    if (page.items.length === 0) continue;
    if (!layout) {
      const columns = columnsFor(row.operationId, listName, page.items);
      layout = { columns, widths: measure(columns, page.items) };
      writeLine(ctx.stdout, headingLine(layout.columns, layout.widths));
    }
    printLines(ctx.stdout, rowLines(page.items, layout.columns, layout.widths));
  }
  if (!json && count === 0) writeLine(ctx.stdout, `No ${noun(listName)} found.`);
  // A feed (the updates) ends with the cursor to poll from next time.
  const hint = row.pagination && isPlainObject(lastBody) ? pageHint(row.pagination, lastBody) : undefined;
  if (hint) writeLine(ctx.stderr, hint);
}
