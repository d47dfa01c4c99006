/** Records of the Platform API: platform apps, installs, project links, webhook endpoints and their events. */

import type { PartnerComponents } from '@opentrain-ai/sdk/types';
import type { BudgetState } from './money.js';

type Schemas = PartnerComponents['schemas'];

/** The seven Platform API scopes; `project-links:write` implies `project-links:read`. */
export type PartnerScope = Schemas['Scope'];

export type PartnerEventType = Schemas['EventType'];

export type ProvisioningMode = Schemas['ProvisioningMode'];

/** A registered annotation platform (`ptnapp_…`). A `DISABLED` app's installs are refused with 403. */
export interface PartnerAppRecord {
  id: string;
  /** Immutable; part of the consent link `/integrations/{slug}/connect`. */
  slug: string;
  name: string;
  status: 'ACTIVE' | 'DISABLED';
  createdAt: string;
}

export interface InstallRecord {
  id: string;
  /** The employer account that granted the install. */
  accountId: string;
  appId: string;
  /** `REVOKED` once the customer disconnects or reconnects the app. */
  status: 'ACTIVE' | 'REVOKED';
  /** The install-scoped `ot_ptk_…` token, shown once on the consent screen. */
  token: string;
  tokenId: string;
  tokenName: string;
  /** Set together with the install's revocation: the token stops working at once. */
  tokenRevokedAt: string | null;
  scopes: PartnerScope[];
  /** Whether the employer agreed to share Work Emails (needed with `participants:email`). */
  piiConsent: boolean;
  createdAt: string;
  revokedAt: string | null;
  /**
   * Milestones this install has been told were funded, or that were funded before it could have been told (funded
   * before the job was linked, or at hire, which `contract.started` already covers). Relaying never repeats them.
   */
  relayedFundedMilestoneIds: string[];
  /** The last budget state relayed per contract, so budget events fire on upward crossings only. */
  relayedBudgetStates: Record<string, BudgetState>;
}

export interface ProjectLinkRecord {
  id: string;
  installId: string;
  /** Creation order, for a stable newest-first listing. */
  sequence: number;
  /** Null for a link created without a job: it receives no contract events. */
  jobId: string | null;
  externalProjectId: string;
  externalProjectName: string | null;
  externalProjectUrl: string | null;
  provisioningMode: ProvisioningMode;
  /** The origin the platform called from; absolute URLs in this link's event payloads are built from it. */
  origin: string;
  createdAt: string;
  /**
   * Contracts on the job this link has announced with `contract.started`, plus those that already existed when the
   * link was made (contract events are never replayed for them).
   */
  startedContractIds: string[];
  /** The same for `contract.ended`. */
  endedContractIds: string[];
}

export interface PartnerWebhookEndpointRecord {
  id: string;
  installId: string;
  sequence: number;
  url: string;
  eventTypes: PartnerEventType[];
  /** The `whsec_…` signing secret, shown once at creation. */
  secret: string;
  status: Schemas['WebhookEndpointStatus'];
  /** Deliveries in a row that ended `FAILED`; the tenth disables the endpoint. */
  consecutiveFailures: number;
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
}

/** One Platform API event: the body of its webhook deliveries (without the install and account ids). */
export interface PartnerEventRecord {
  id: string;
  installId: string;
  accountId: string;
  type: PartnerEventType;
  apiVersion: 'v1';
  createdAt: string;
  resourceId: string;
  jobId: string | null;
  data: Record<string, unknown>;
}
