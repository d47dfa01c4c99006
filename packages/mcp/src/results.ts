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
 * the data as `structuredContent`. Every secret is masked here, the one place every success passes through.
 */
export function successResult(summary: string, data: Structured): CallToolResult {
  const masked = maskSecrets(data);
  return {
    content: [
      { type: 'text', text: maskText(summary) },
      { type: 'text', text: JSON.stringify(masked, null, 2) },
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

function pageLine(tool: string, rule: NonNullable<OperationInfo['pagination']>, body: Structured): string {
  const items = body[rule.items];
  const count = Array.isArray(items) ? items.length : 0;
  const next = body[rule.nextCursor];
  const head = `${count} ${rule.items} on this page.`;
  if (typeof next !== 'string' || next === '') return `${head} This is the last page.`;
  if (rule.hasMore && body[rule.hasMore] !== true) {
    return `${head} Nothing more right now; call ${tool} later with ${rule.cursorParam} "${next}" for what comes next.`;
  }
  return `${head} More: call ${tool} again with ${rule.cursorParam} "${next}".`;
}

const FACT_KEY = /^(id|status|type)$|Id$|Url$|_uri$/;
const MAX_FACTS = 8;

/** Ids, statuses and links at the top of the response or one object down (`job.id`), for the summary line. */
function keyFacts(body: Structured): string[] {
  const facts: string[] = [];
  const visit = (object: Structured, prefix: string, depth: number) => {
    for (const [key, value] of Object.entries(object)) {
      if (facts.length >= MAX_FACTS) return;
      if (FACT_KEY.test(key) && (typeof value === 'string' || typeof value === 'number')) {
        facts.push(`${prefix}${key}: ${value}`);
      } else if (depth === 0 && isObject(value)) {
        visit(value, `${key}.`, 1);
      }
    }
  };
  visit(body, '', 0);
  return facts;
}

/** A job draft lists what is still needed before it can be published. */
function missingFieldsLine(body: Structured): string | undefined {
  const missing = body.missingFields;
  if (!Array.isArray(missing) || missing.length === 0) return undefined;
  const names = missing.map((entry) => (isObject(entry) ? String(entry.field) : String(entry)));
  return `Still missing before publishing: ${names.join(', ')} (see missingFields for what to ask).`;
}
