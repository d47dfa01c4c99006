import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { type ApprovalLike, isPendingApproval } from '@opentrain-ai/sdk';
import type { OperationInfo } from '@opentrain-ai/sdk/operations';
import { maskSecrets, maskText } from './mask.js';

export type Structured = Record<string, unknown>;

export function isObject(value: unknown): value is Structured {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Drops keys whose value is `undefined`, so structured results hold only what is known. */
export function compact(value: Structured): Structured {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined));
}

/**
 * A successful tool result: the summary, the same data as JSON text (for hosts that show the model only text), and
 * the data as `structuredContent`. Every secret is masked here, the one place every success passes through. The
 * JSON is not indented: a model reads it as well either way, and indentation makes long lists cost a third more.
 */
export function successResult(summary: string, data: Structured): CallToolResult {
  const masked = maskSecrets(data);
  return {
    content: [
      { type: 'text', text: maskText(summary) },
      { type: 'text', text: JSON.stringify(masked) },
    ],
    structuredContent: masked,
  };
}

/** A failed tool call, reported to the model (never thrown): the explanation and the facts as structured data. */
export function failureResult(text: string, error: Structured): CallToolResult {
  return {
    content: [{ type: 'text', text: maskText(text) }],
    structuredContent: maskSecrets({ error: compact(error) }),
    isError: true,
  };
}

type Pagination = NonNullable<OperationInfo['pagination']>;

export interface ResponseMeta {
  status: number;
  requestId: string | undefined;
}

/** The result of a call that went through: a short summary, then the exact API response (secrets masked). */
export function operationResult(
  tool: string,
  operation: OperationInfo,
  data: unknown,
  meta: ResponseMeta,
  note?: string,
): CallToolResult {
  const body = isObject(data) ? data : { result: data ?? null };
  const requestId = meta.requestId ? `, request id ${meta.requestId}` : '';
  const lines = [`${operation.summary}: HTTP ${meta.status}${requestId}.`];
  if (isPendingApproval(data)) {
    lines.push(...approvalLines(data.approval, data.message));
  } else {
    if (operation.pagination) lines.push(pageLine(tool, operation.pagination, body));
    const facts = keyFacts(body);
    if (facts.length > 0) lines.push(`Key facts: ${facts.join(', ')}.`);
    const missing = missingFieldsLine(body);
    if (missing) lines.push(missing);
  }
  if (note) lines.push(note);
  return successResult(lines.join('\n'), body);
}

function approvalLines(approval: ApprovalLike & { expiresAt?: unknown }, message: string): string[] {
  const expires = typeof approval.expiresAt === 'string' ? `, expires ${approval.expiresAt}` : '';
  return [
    message,
    `Nothing has happened yet: a human must open ${approval.approvalUrl ?? 'the approval page in the OpenTrain app'} ` +
      `and confirm it (approval ${approval.id}, type ${approval.type}, status ${approval.status}${expires}).`,
    `Tell the human, then check the outcome with opentrain_get_approval (approvalId "${approval.id}").`,
  ];
}

/** The list a page holds: the usual one, or the other one some lists answer with (messages instead of conversations). */
function pageItems(rule: Pagination, body: Structured): { name: string; items: unknown[] } | undefined {
  for (const name of [rule.items, rule.alternateItems]) {
    const items = name === undefined ? undefined : body[name];
    if (name !== undefined && Array.isArray(items)) return { name, items };
  }
  return undefined;
}

function pageLine(tool: string, rule: Pagination, body: Structured): string {
  const page = pageItems(rule, body);
  if (!page) return `The answer holds no ${rule.items} list; see the JSON below for what came back.`;
  const head = `${page.items.length} ${page.name} on this page.`;
  const next = body[rule.nextCursor];
  const hasNext = typeof next === 'string' && next !== '';
  // A feed (one with hasMore) never ends: its cursor is kept and polled again later.
  if (rule.hasMore) {
    if (!hasNext) return `${head} Nothing new yet: call ${tool} again later, still without ${rule.cursorParam}.`;
    if (body[rule.hasMore] === true)
      return `${head} More are waiting: call ${tool} now with ${rule.cursorParam} "${next}".`;
    return `${head} Nothing more right now; call ${tool} later with ${rule.cursorParam} "${next}" for what comes next.`;
  }
  if (!hasNext) return `${head} This is the last page.`;
  return `${head} More: call ${tool} again with ${rule.cursorParam} "${next}".`;
}

const FACT_KEY = /^(id|status|type)$|Id$|Url$|_uri$/;
// Flags that say nothing a reader needs (`ok`), or that the paging line already covers (`hasMore`).
const QUIET_FLAGS = new Set(['ok', 'hasMore']);
const MAX_FACTS = 8;

function isFact(key: string, value: unknown): boolean {
  return FACT_KEY.test(key) && (typeof value === 'string' || typeof value === 'number');
}

/**
 * For the summary line: ids, statuses, links and flags (`deleted: true`) at the top of the response, then ids,
 * statuses and links one object down (`job.id`).
 */
function keyFacts(body: Structured): string[] {
  const entries = Object.entries(body);
  const top = entries.filter(
    ([key, value]) => isFact(key, value) || (typeof value === 'boolean' && !QUIET_FLAGS.has(key)),
  );
  const nested = entries.flatMap(([parent, value]) =>
    isObject(value)
      ? Object.entries(value)
          .filter(([key, child]) => isFact(key, child))
          .map(([key, child]) => [`${parent}.${key}`, child] as const)
      : [],
  );
  return [...top, ...nested].slice(0, MAX_FACTS).map(([key, value]) => `${key}: ${value}`);
}

/** A job draft (or a refused publish) lists what is still needed before it can be published. */
export function missingFieldsLine(body: Structured): string | undefined {
  const missing = body.missingFields;
  if (!Array.isArray(missing) || missing.length === 0) return undefined;
  const names = missing.map((entry) => (isObject(entry) ? String(entry.field) : String(entry)));
  return (
    `Still missing before publishing: ${names.join(', ')}. missingFields says what to ask the human (prompt) and ` +
    'which keys to send (updateKeys); send them with opentrain_update_job_draft_fields.'
  );
}
