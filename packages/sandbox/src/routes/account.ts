import { publicSchemas } from '@opentrain-ai/sdk/schemas';
import { authOf } from '../http/gates.js';
import type { RouteFamily } from '../http/router.js';
import { fullName } from '../state/accounts.js';
import { capabilitiesOf } from '../state/features.js';
import { UPDATE_KEYS } from '../state/job-fields.js';

export const accountRoutes: RouteFamily = {
  name: 'account',
  register(router) {
    router.operation(
      { operationId: 'getMe', method: 'GET', path: '/api/public/v1/auth/me', auth: { scopes: [] } },
      (c) => {
        const { token, account, owner } = authOf(c);
        return c.json({
          actor: {
            userId: owner.id,
            email: owner.email,
            firstName: owner.firstName,
            lastName: owner.lastName,
            fullName: fullName(owner),
            userType: 'EMPLOYER',
          },
          token: { id: token.id, label: token.name, scopes: token.scopes, ownerOrganizationId: null },
          account: {
            kind: account.kind,
            organizationId: account.id,
            ownerUserId: account.ownerUserId,
            memberRole: 'OWNER',
            claimed: account.claimed,
          },
        });
      },
    );

    router.operation(
      {
        operationId: 'getCapabilities',
        method: 'GET',
        path: '/api/public/v1/job-drafts/capabilities',
        auth: { scopes: [], feature: 'public_api_job_drafting' },
      },
      (c) => {
        const { account } = authOf(c);
        return c.json({
          featureKey: 'public_api_job_drafting',
          namespace: 'job-drafts',
          rolloutMode: 'ALL',
          actorIsAdmin: false,
          capabilities: capabilitiesOf(account.features),
          draft: {
            importFormats: publicSchemas.zJobImportFormat.options,
            updateKeys: UPDATE_KEYS,
            enums: {
              paymentType: publicSchemas.zPaymentType.options,
              experienceLevel: publicSchemas.zJobExperienceLevel.options,
              dataVolumeUnit: publicSchemas.zJobDataVolumeUnit.options,
            },
          },
          authBootstrap: 'token',
          enabled: true,
        });
      },
    );
  },
};
