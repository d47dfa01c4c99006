import type { Writer } from '../io.js';
import { isPlainObject } from '../plain-object.js';
import { formatObject, formatValue } from './format.js';
import { printJson, printLines } from './print.js';

type MissingField =
  | string
  | {
      field: string;
      prompt?: string;
      message?: string;
      type?: string;
      enumValues?: string[] | null;
      updateKeys?: string[];
      example?: string;
    };

export interface DraftAnswer {
  jobId: string;
  status: string;
  draftUrl: string;
  validation: { publishReady: boolean; missingFields: MissingField[]; issues?: unknown[] };
  missingFields?: MissingField[];
}

function missingFieldLines(entry: MissingField): string[] {
  if (typeof entry === 'string') return [`  ${entry}`, `    set with: --set ${entry}=<value>`];
  const type = entry.enumValues?.length ? `${entry.type ?? 'enum'}: ${entry.enumValues.join(', ')}` : entry.type;
  const keys = entry.updateKeys?.length ? entry.updateKeys : [entry.field];
  const lines = [`  ${entry.field}${type ? ` (${type})` : ''}`];
  const question = entry.prompt ?? entry.message;
  if (question) lines.push(`    ${question.startsWith('ask:') ? question : `ask: ${question}`}`);
  if (entry.example) lines.push(`    example: ${entry.example}`);
  lines.push(
    keys.length === 1
      ? `    set with: --set ${keys[0]}=<value>`
      : `    set with: --set <key>=<value>, keys: ${keys.join(', ')}`,
  );
  return lines;
}

/** A draft after create or update: where it is, and each field still missing with its question and how to set it. */
export function draftLines(draft: DraftAnswer, done: string): string[] {
  const lines = [`Draft ${draft.jobId} ${done} (status ${draft.status}).`, `Draft URL: ${draft.draftUrl}`];
  const missing = draft.missingFields ?? draft.validation.missingFields;
  if (draft.validation.publishReady) {
    lines.push('Publish ready: yes.', `Publish it with: opentrain jobs publish --job-id ${draft.jobId}`);
    return lines;
  }
  lines.push(`Publish ready: no. ${missing.length} field${missing.length === 1 ? '' : 's'} missing:`);
  for (const entry of missing) lines.push(...missingFieldLines(entry));
  for (const issue of draft.validation.issues ?? []) {
    lines.push(`Issue: ${isPlainObject(issue) ? formatValue(issue.message ?? issue) : formatValue(issue)}`);
  }
  lines.push(`Answer with: opentrain jobs draft update --job-id ${draft.jobId} --set <field>=<value> …`);
  return lines;
}

/** Whether an answer has what the draft summary reads; anything else is shown as plain `key: value` lines. */
function isDraftAnswer(value: unknown): value is DraftAnswer {
  if (!isPlainObject(value) || typeof value.jobId !== 'string' || !isPlainObject(value.validation)) return false;
  const { publishReady, missingFields, issues } = value.validation;
  const missing = value.missingFields ?? missingFields;
  return (
    typeof publishReady === 'boolean' &&
    Array.isArray(missing) &&
    missing.every((entry) => typeof entry === 'string' || isPlainObject(entry)) &&
    (issues === undefined || Array.isArray(issues))
  );
}

/** A draft after create or update: as JSON with `--json`, otherwise its summary with what it still needs. */
export function printDraft(out: Writer, data: unknown, done: string, json: boolean | undefined): void {
  if (json) printJson(out, data);
  else printLines(out, isDraftAnswer(data) ? draftLines(data, done) : formatObject(isPlainObject(data) ? data : {}));
}
