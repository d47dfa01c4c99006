import { originOf } from '../http/context.js';
import type { RouteFamily } from '../http/router.js';
import { POLL_INTERVAL_SECONDS } from '../state/agent-auth.js';
import { ALL_SCOPES } from '../state/scopes.js';
import { CLAIM_GRANT_TYPE } from './agent-auth.js';

const DOCS_URL = 'https://www.opentrain.ai/docs/developers/overview';

export const discoveryRoutes: RouteFamily = {
  name: 'discovery',
  register(router) {
    router.operation(
      {
        operationId: 'getProtectedResourceMetadata',
        method: 'GET',
        path: '/.well-known/oauth-protected-resource',
        auth: 'none',
      },
      (c) => {
        const origin = originOf(c);
        return c.json({
          resource: `${origin}/api/public/v1`,
          authorization_servers: [origin],
          scopes_supported: ALL_SCOPES,
          bearer_methods_supported: ['header'],
          resource_documentation: DOCS_URL,
        });
      },
    );

    router.operation(
      {
        operationId: 'getAuthorizationServerMetadata',
        method: 'GET',
        path: '/.well-known/oauth-authorization-server',
        auth: 'none',
      },
      (c) => {
        const origin = originOf(c);
        return c.json({
          issuer: origin,
          token_endpoint: `${origin}/api/agent/oauth/token`,
          revocation_endpoint: `${origin}/api/agent/oauth/revoke`,
          grant_types_supported: [CLAIM_GRANT_TYPE],
          scopes_supported: ALL_SCOPES,
          token_endpoint_auth_methods_supported: ['none'],
          service_documentation: DOCS_URL,
          agent_auth: {
            identity_endpoint: `${origin}/api/agent/identity`,
            claim_endpoint: `${origin}/api/agent/identity/claim`,
            grant_type: CLAIM_GRANT_TYPE,
            interval: POLL_INTERVAL_SECONDS,
            identity_types_supported: ['anonymous'],
          },
        });
      },
    );
  },
};
