import { partnerAuthOf } from '../http/partner-gates.js';
import type { SandboxRouter } from '../http/router.js';
import { installView } from '../state/partner-installs.js';

/** `GET /installs/current`: any live token of an active install may call it (connectivity, scopes, PII consent). */
export function registerInstallRoutes(router: SandboxRouter): void {
  router.operation(
    {
      operationId: 'getCurrentInstall',
      method: 'GET',
      path: '/api/partner/v1/installs/current',
      auth: { partnerScopes: [] },
    },
    (c) => c.json({ install: installView(c.var.sandbox.state, partnerAuthOf(c).install) }),
  );
}
