import { originOf } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { authOf } from '../http/gates.js';
import type { RouteFamily } from '../http/router.js';
import { inputOf } from '../http/validation.js';
import { approvalView, expireIfDue } from '../state/approvals.js';

/** `GET /approvals/{approvalId}`: how an agent follows a co-sign it asked for. */
export const approvalRoutes: RouteFamily = {
  name: 'approvals',
  register(router) {
    router.operation(
      {
        operationId: 'getApproval',
        method: 'GET',
        path: '/api/public/v1/approvals/{approvalId}',
        auth: { scopes: ['payments:read'] },
      },
      (c) => {
        const runtime = c.var.sandbox;
        const approvalId = String(inputOf(c).path.approvalId);
        const approval = runtime.state.approvals[approvalId];
        // Every token of the owning account may read it; another account's approval reads like a missing one.
        if (!approval || approval.accountId !== authOf(c).account.id) {
          throw notFound('approvals', 'approvalId', approvalId);
        }
        expireIfDue(runtime.state, approval, runtime.now());
        return c.json({ approval: approvalView(approval, originOf(c)) });
      },
    );
  },
};
