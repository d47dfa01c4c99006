import type { SandboxContext } from '../http/context.js';
import { badRequest, notFound } from '../http/errors.js';
import { partnerAuthOf } from '../http/partner-gates.js';
import type { SandboxRouter } from '../http/router.js';
import { inputOf } from '../http/validation.js';
import {
  createEndpoint,
  deleteEndpoint,
  type EndpointChanges,
  endpointView,
  findInstallEndpoint,
  installEndpoints,
  REDELIVER_NOTICE,
  redeliver,
  updateEndpoint,
  webhookUrlProblem,
} from '../state/partner-webhooks.js';
import type { PartnerEventType } from '../state/records/partner.js';
import { SECRET_NOTICE } from '../state/webhooks.js';

const MANAGE = { partnerScopes: ['webhooks:manage' as const] };
const ENDPOINTS = '/api/partner/v1/webhook-endpoints';
const ENDPOINT = `${ENDPOINTS}/{endpointId}`;

/** Signed webhook endpoints of the install: create (secret once), read, update / pause / re-enable, delete, redeliver. */
export function registerWebhookEndpointRoutes(router: SandboxRouter): void {
  router.operation({ operationId: 'createWebhookEndpoint', method: 'POST', path: ENDPOINTS, auth: MANAGE }, (c) => {
    const runtime = c.var.sandbox;
    const body = inputOf(c).body as { url: string; eventTypes: PartnerEventType[] };
    checkUrl(body.url);
    const endpoint = createEndpoint(runtime.state, partnerAuthOf(c).install, body, runtime.now());
    return c.json({ webhookEndpoint: endpointView(endpoint), secret: endpoint.secret, message: SECRET_NOTICE }, 201);
  });

  router.operation({ operationId: 'listWebhookEndpoints', method: 'GET', path: ENDPOINTS, auth: MANAGE }, (c) =>
    c.json({
      webhookEndpoints: installEndpoints(c.var.sandbox.state, partnerAuthOf(c).install.id).map(endpointView),
    }),
  );

  router.operation({ operationId: 'getWebhookEndpoint', method: 'GET', path: ENDPOINT, auth: MANAGE }, (c) =>
    c.json({ webhookEndpoint: endpointView(requestedEndpoint(c)) }),
  );

  router.operation({ operationId: 'updateWebhookEndpoint', method: 'PATCH', path: ENDPOINT, auth: MANAGE }, (c) => {
    const runtime = c.var.sandbox;
    const changes = inputOf(c).body as EndpointChanges;
    const endpoint = requestedEndpoint(c);
    if (changes.url !== undefined) checkUrl(changes.url);
    updateEndpoint(runtime.state, endpoint, changes, runtime.now());
    return c.json({ webhookEndpoint: endpointView(endpoint) });
  });

  router.operation({ operationId: 'deleteWebhookEndpoint', method: 'DELETE', path: ENDPOINT, auth: MANAGE }, (c) => {
    const endpoint = requestedEndpoint(c);
    deleteEndpoint(c.var.sandbox.state, endpoint);
    return c.json({ webhookEndpoint: endpointView(endpoint), deleted: true as const });
  });

  router.operation(
    { operationId: 'redeliverWebhookEndpoint', method: 'POST', path: `${ENDPOINT}/redeliver`, auth: MANAGE },
    (c) => {
      const runtime = c.var.sandbox;
      const { deliveryId } = inputOf(c).body as { deliveryId?: string };
      const endpoint = requestedEndpoint(c);
      const requeued = redeliver(runtime.state, endpoint, deliveryId, runtime.now());
      return c.json({ webhookEndpoint: endpointView(endpoint), requeued, message: REDELIVER_NOTICE });
    },
  );
}

function checkUrl(url: string): void {
  const problem = webhookUrlProblem(url);
  if (problem) throw badRequest(problem, { field: 'url' });
}

function requestedEndpoint(c: SandboxContext) {
  const endpointId = String(inputOf(c).path.endpointId);
  const endpoint = findInstallEndpoint(c.var.sandbox.state, partnerAuthOf(c).install.id, endpointId);
  if (!endpoint) throw notFound('webhook-endpoints', 'endpointId', endpointId);
  return endpoint;
}
