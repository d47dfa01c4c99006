import { RequestAbortedError, WaitTimeoutError } from './errors.js';
import { type Now, type Sleep, systemSleep } from './timing.js';

export type ApprovalStatus = 'pending' | 'confirmed' | 'declined' | 'expired';

/** The fields of an approval the helpers rely on; the generated `Approval` type has these and more. */
export interface ApprovalLike {
  id: string;
  type: string;
  status: ApprovalStatus | (string & {});
  approvalUrl?: string;
}

/** The body of a 202 from a money-moving call: nothing happened yet, a human must confirm `approval.approvalUrl`. */
export interface ApprovalAccepted<A extends ApprovalLike = ApprovalLike> {
  approval: A;
  message: string;
}

const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['confirmed', 'declined', 'expired']);

export function isTerminalApprovalStatus(status: string): boolean {
  return TERMINAL_STATUSES.has(status);
}

/** True when a response body is a pending-approval answer (HTTP 202) rather than the action's result. */
export function isApprovalAccepted<A extends ApprovalLike = ApprovalLike>(body: unknown): body is ApprovalAccepted<A> {
  if (typeof body !== 'object' || body === null) return false;
  const { approval, message } = body as { approval?: unknown; message?: unknown };
  if (typeof approval !== 'object' || approval === null || typeof message !== 'string') return false;
  const { id, type, status } = approval as Record<string, unknown>;
  return typeof id === 'string' && typeof type === 'string' && typeof status === 'string';
}

export interface WaitForApprovalOptions<A extends ApprovalLike> {
  /** Time between reads, in ms (default 10 s). */
  intervalMs?: number;
  /** Give up after this long, in ms (default 10 min); the promise then rejects with `WaitTimeoutError`. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called with every approval read, pending ones included. */
  onStatus?: (approval: A) => void;
  sleep?: Sleep;
  now?: Now;
}

/** Reads one approval; `GET /approvals/{id}` answers `{ approval }`, and a bare approval is accepted too. */
export type GetApproval<A extends ApprovalLike> = (
  approvalId: string,
  options: { signal?: AbortSignal },
) => PromiseLike<{ approval: A } | A>;

/**
 * Polls an approval until a human confirms or declines it, or it expires, and resolves with that final approval
 * (check its `status`). Rejects with `WaitTimeoutError` at the deadline and `RequestAbortedError` on abort.
 */
export async function waitForApproval<A extends ApprovalLike>(
  getApproval: GetApproval<A>,
  approvalId: string,
  options: WaitForApprovalOptions<A> = {},
): Promise<A> {
  const { intervalMs = 10_000, timeoutMs = 600_000, signal, onStatus, sleep = systemSleep, now = Date.now } = options;
  const deadline = now() + timeoutMs;
  while (true) {
    if (signal?.aborted) throw new RequestAbortedError(undefined, { cause: signal.reason });
    const answer = await getApproval(approvalId, { signal });
    const approval = 'approval' in answer ? answer.approval : answer;
    onStatus?.(approval);
    if (isTerminalApprovalStatus(approval.status)) return approval;
    const remaining = deadline - now();
    if (remaining <= 0) {
      const where = approval.approvalUrl ? `; a human can still confirm it at ${approval.approvalUrl}` : '';
      throw new WaitTimeoutError(
        `Approval ${approvalId} is still ${approval.status} after waiting ${timeoutMs} ms${where}`,
        approval.status,
      );
    }
    // The last wait ends exactly at the deadline, so the approval gets one final read before giving up.
    await sleep(Math.min(intervalMs, remaining), signal);
  }
}
