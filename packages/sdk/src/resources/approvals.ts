import {
  type ApprovalAccepted,
  type ApprovalLike,
  isApprovalAccepted,
  type WaitForApprovalOptions,
  waitForApproval,
} from '../core/approvals.js';
import type { Transport } from '../core/transport.js';
import type { components } from '../generated/public.js';
import type { PublicApprovalsResource } from '../generated/resources.js';

/** A co-sign approval as the Public API returns it. */
export type Approval = components['schemas']['Approval'];

/** What `approvals.wait` accepts; the clock comes from the client, so a client built with a fake clock waits on it. */
export type WaitOptions = Omit<WaitForApprovalOptions<Approval>, 'sleep' | 'now'>;

/** The part of a result that is a pending approval (the 202 answer), or `ApprovalAccepted` for untyped results. */
export type PendingApprovalIn<T> = unknown extends T
  ? T & ApprovalAccepted
  : Extract<T, ApprovalAccepted<ApprovalLike>>;

/**
 * True when a money-moving call answered 202 with a pending approval rather than its result. For dual-mode calls
 * such as `contracts.end` it narrows the result to one case or the other:
 *
 * ```ts
 * const result = await client.contracts.end(contractId);
 * if (isPendingApproval(result)) await client.approvals.wait(result.approval.id);
 * else console.log(result.status); // 'ended'
 * ```
 */
export function isPendingApproval<T>(result: T): result is PendingApprovalIn<T> {
  return isApprovalAccepted(result);
}

/** The `approvals` namespace, plus `wait`. */
export interface Approvals extends PublicApprovalsResource {
  /**
   * Polls the approval until a human confirms or declines it, or it expires, and resolves with that final approval
   * (check its `status`). Rejects with `WaitTimeoutError` after `timeoutMs` (default 10 min) and with
   * `RequestAbortedError` when `signal` aborts. `onStatus` sees every read, pending ones included.
   */
  wait(approvalId: string, options?: WaitOptions): Promise<Approval>;
}

/** Adds `wait` to the generated `approvals` namespace of a client; it waits on the client's clock. */
export function withApprovalWait(approvals: PublicApprovalsResource, transport: Transport): Approvals {
  const wait = (approvalId: string, options: WaitOptions = {}) =>
    waitForApproval<Approval>((id, { signal }) => approvals.get(id, { signal }), approvalId, {
      ...options,
      sleep: transport.sleep,
      now: transport.now,
    });
  return Object.assign(approvals, { wait });
}
