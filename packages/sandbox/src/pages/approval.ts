import { html } from 'hono/html';
import type { SandboxContext } from '../http/context.js';
import { ApiError } from '../http/errors.js';
import type { RouteFamily } from '../http/router.js';
import { expireIfDue } from '../state/approvals.js';
import type { Approval, ApprovalType } from '../state/types.js';
import { layout } from './layout.js';

const TYPE_LABELS: Record<ApprovalType, string> = {
  proposal_hire: 'Hire an AI trainer',
  milestone_fund: 'Fund a milestone',
  milestone_approve: 'Release a milestone payment',
  contract_end: 'End a contract',
};

const STATUS_MESSAGES: Record<Exclude<Approval['status'], 'pending'>, string> = {
  confirmed: 'Confirmed. The request has been carried out.',
  declined: 'Declined. Nothing was charged or changed.',
  expired: 'This request expired before anyone acted on it. Nothing was charged or changed.',
};

/**
 * Where a signed-in human co-signs a money movement an agent asked for: `/approvals/{approvalId}` with Confirm and
 * Decline buttons, each a plain form POST so it works without JavaScript and in a browser test.
 */
export const approvalPage: RouteFamily = {
  name: 'approval-page',
  register(router) {
    router.route('GET', '/approvals/{approvalId}', (c) => {
      const runtime = c.var.sandbox;
      const approval = runtime.state.approvals[c.req.param('approvalId') ?? ''];
      if (!approval) return notFoundPage(c);
      expireIfDue(runtime.state, approval, runtime.now());
      return c.html(page(approval, null));
    });

    for (const decision of ['confirm', 'decline'] as const) {
      router.route('POST', `/approvals/{approvalId}/${decision}`, (c) => {
        const runtime = c.var.sandbox;
        const approvalId = c.req.param('approvalId') ?? '';
        const approval = runtime.state.approvals[approvalId];
        if (!approval) return notFoundPage(c);
        try {
          runtime.decideApproval(approvalId, decision);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          return c.html(page(approval, error.message), error.status as 409);
        }
        // Post/redirect/get, so reloading the result page never repeats the decision.
        return c.redirect(`/approvals/${approvalId}`, 303);
      });
    }
  },
};

function page(approval: Approval, problem: string | null) {
  const decided = approval.status === 'pending' ? null : STATUS_MESSAGES[approval.status];
  return layout(
    TYPE_LABELS[approval.type],
    html`<p>Your agent asked for this. Nothing happens until you confirm it.</p>
      <dl>
        <dt>Request</dt>
        <dd>${approval.summary}</dd>
        <dt>Status</dt>
        <dd data-testid="approval-status">${approval.status}</dd>
        <dt>Requested</dt>
        <dd>${approval.createdAt}</dd>
        <dt>Expires</dt>
        <dd>${approval.expiresAt}</dd>
      </dl>
      ${problem ? html`<p role="alert">${problem}</p>` : ''}
      ${decided ? html`<p role="status">${decided}</p>` : ''}
      ${
        approval.status === 'pending'
          ? html`<div class="actions">
              <form method="post" action="/approvals/${approval.id}/confirm"><button type="submit">Confirm</button></form>
              <form method="post" action="/approvals/${approval.id}/decline">
                <button type="submit" class="secondary">Decline</button>
              </form>
            </div>`
          : ''
      }`,
  );
}

function notFoundPage(c: SandboxContext) {
  return c.html(layout('Approval not found', html`<p role="alert">There is no approval at this address.</p>`), 404);
}
