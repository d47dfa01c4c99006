import type { RouteFamily } from '../http/router.js';
import { relayPlatformEvents } from '../state/partner-relay.js';
import { registerContractRoutes } from './partner-contracts.js';
import { registerInstallRoutes } from './partner-installs.js';
import { registerProjectLinkRoutes } from './partner-links.js';
import { registerWebhookEndpointRoutes } from './partner-webhooks.js';

/**
 * The Platform API (`/api/partner/v1`) for annotation platforms, behind `ot_ptk_…` install tokens. Its tick relays
 * what happened to contracts and milestones on linked jobs to the installs as Platform events.
 */
export const partnerRoutes: RouteFamily = {
  name: 'partner',
  register(router) {
    registerInstallRoutes(router);
    registerProjectLinkRoutes(router);
    registerContractRoutes(router);
    registerWebhookEndpointRoutes(router);
  },
  tick: relayPlatformEvents,
};
