import { authOf } from '../http/gates.js';
import type { RouteFamily } from '../http/router.js';
import { fullName } from '../state/accounts.js';
import { capabilitiesOf } from '../state/features.js';

/** The keys `PATCH /job-drafts/{jobId}` accepts, as advertised by the capabilities document. */
const DRAFT_UPDATE_KEYS = [
  'jobTitle',
  'jobDescription',
  'labelingOverview',
  'datasetDescription',
  'dataType',
  'subjectMatter',
  'dataVolume',
  'dataVolumeUnit',
  'labelingSoftware',
  'headcount',
  'experienceLevel',
  'paymentType',
  'pricePerHour',
  'pricePerLabel',
  'fixedPrice',
  'countries',
  'languages',
  'labelTypes',
  'aiInterviewRequirements',
  'budgetRange',
  'workloadDesc',
  'timeRequirement',
  'projectDuration',
  'freelancerType',
  'projectScope',
  'visibility',
];

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
            importFormats: ['text', 'opentrain_canonical', 'schema_org_job_posting', 'indeed_xml', 'hr_xml'],
            updateKeys: DRAFT_UPDATE_KEYS,
            enums: {
              paymentType: ['PAY_PER_LABEL', 'PAY_PER_HOUR', 'FIXED_PRICE'],
              experienceLevel: ['EXPERT', 'ENTRY_LEVEL', 'INTERMEDIATE', 'ANY_EXPERIENCE_LEVEL'],
              dataVolumeUnit: [
                'HOURS_OF_RECORDING_AUDIO_VIDEO',
                'NUMBER_OF_FILES',
                'NUMBER_OF_WORDS',
                'UNKNOWN_NOT_SPECIFIED',
              ],
            },
          },
          authBootstrap: 'token',
          enabled: true,
        });
      },
    );
  },
};
