import type { SandboxContext } from '../http/context.js';
import { conflict, forbidden, notFound } from '../http/errors.js';
import { authOf } from '../http/gates.js';
import type { AuthRequirement, RouteFamily } from '../http/router.js';
import { inputOf } from '../http/validation.js';
import { missingScopes } from '../state/scopes.js';
import type { Scope } from '../state/types.js';
import { EVENT_READ_SCOPES, type EventType } from '../state/updates.js';
import {
  accountWebhooks,
  createWebhook,
  deleteWebhook,
  findAccountWebhook,
  SECRET_NOTICE,
  WEBHOOK_CAP,
  webhookView,
} from '../state/webhooks.js';

const MANAGE: AuthRequirement = { scopes: ['webhooks:manage'], feature: 'public_api_webhooks' };

/** Webhook subscriptions. Deliveries are queued by `appendEvent` and sent by the sandbox's webhook sender. */
export const webhookRoutes: RouteFamily = {
  name: 'webhooks',
  register(router) {
    router.operation(
      { operationId: 'createWebhook', method: 'POST', path: '/api/public/v1/webhooks', auth: MANAGE },
      (c) => {
        const runtime = c.var.sandbox;
        const { token, account } = authOf(c);
        const body = inputOf(c).body as { url: string; eventTypes: EventType[] };

        const readScopes = [...new Set(body.eventTypes.map((type) => EVENT_READ_SCOPES[type]))] as Scope[];
        const missing = missingScopes(token.scopes, readScopes);
        if (missing.length > 0) {
          const unreadable = body.eventTypes.filter((type) => missing.includes(EVENT_READ_SCOPES[type]));
          throw forbidden(
            `Subscribing to ${[...new Set(unreadable)].join(', ')} needs the read scope ${missing.join(', ')}, which this token lacks.`,
            { requiredScopes: readScopes, grantedScopes: [...token.scopes] },
          );
        }
        if (accountWebhooks(runtime.state, account.id).length >= WEBHOOK_CAP) {
          throw conflict(`This account already has the maximum of ${WEBHOOK_CAP} webhooks; delete one first.`, {
            limit: WEBHOOK_CAP,
          });
        }

        const webhook = createWebhook(
          runtime.state,
          { accountId: account.id, url: body.url, eventTypes: body.eventTypes },
          runtime.now(),
        );
        return c.json({ webhook: webhookView(webhook), secret: webhook.secret, message: SECRET_NOTICE }, 201);
      },
    );

    router.operation(
      { operationId: 'listWebhooks', method: 'GET', path: '/api/public/v1/webhooks', auth: MANAGE },
      (c) => c.json({ webhooks: accountWebhooks(c.var.sandbox.state, authOf(c).account.id).map(webhookView) }),
    );

    router.operation(
      { operationId: 'getWebhook', method: 'GET', path: '/api/public/v1/webhooks/{webhookId}', auth: MANAGE },
      (c) => c.json({ webhook: webhookView(requestedWebhook(c)) }),
    );

    router.operation(
      { operationId: 'deleteWebhook', method: 'DELETE', path: '/api/public/v1/webhooks/{webhookId}', auth: MANAGE },
      (c) => {
        const webhook = requestedWebhook(c);
        deleteWebhook(c.var.sandbox.state, webhook);
        return c.json({ webhook: webhookView(webhook), deleted: true as const });
      },
    );
  },
};

function requestedWebhook(c: SandboxContext) {
  const webhookId = String(inputOf(c).path.webhookId);
  const webhook = findAccountWebhook(c.var.sandbox.state, authOf(c).account.id, webhookId);
  if (!webhook) throw notFound('webhooks', 'webhookId', webhookId);
  return webhook;
}
