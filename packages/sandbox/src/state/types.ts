/**
 * The sandbox's whole world as plain JSON-serialisable data. Everything that must survive a restart with
 * `--state` lives here; nothing here may hold functions, class instances or Dates (timestamps are ISO strings).
 */

import type { PublicComponents } from '@opentrain-ai/sdk/types';
import type { ConversationRecord, FreelancerRecord, MessageRecord, ProposalRecord } from './records/hiring.js';
import type { JobRecord } from './records/jobs.js';
import type {
  ContractRecord,
  CreditEntryRecord,
  CreditTopUpRecord,
  InvoiceRecord,
  MilestoneRecord,
  PaymentMethodRecord,
} from './records/money.js';
import type {
  InstallRecord,
  PartnerAppRecord,
  PartnerEventRecord,
  PartnerWebhookEndpointRecord,
  ProjectLinkRecord,
} from './records/partner.js';
import type { TeamInviteRecord, TeamMemberRecord, WebhookSubscriptionRecord } from './records/sync.js';

type Schemas = PublicComponents['schemas'];

export const STATE_VERSION = 1;

export type Scope = Schemas['Scope'];

export type FeatureKey =
  | 'public_api_job_drafting'
  | 'public_api_job_publishing'
  | 'public_api_hiring'
  | 'public_api_messaging_writes'
  | 'public_api_team'
  | 'public_api_payments_write'
  | 'public_api_credits'
  | 'public_api_webhooks'
  /** The annotation-platform feature: every Platform API call of the employer's installs needs it. */
  | 'partner_api';

export interface Account {
  id: string;
  kind: 'employer_organization';
  organizationName: string | null;
  agentName: string | null;
  ownerUserId: string;
  /** False for an anonymous agent registration until a human completes the claim ceremony. */
  claimed: boolean;
  claimedAt: string | null;
  features: Record<FeatureKey, boolean>;
  createdAt: string;
}

export interface User {
  id: string;
  accountId: string;
  /** Null until a human claims the account (an anonymous agent has no email). */
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  createdAt: string;
}

export interface ApiToken {
  id: string;
  accountId: string;
  name: string;
  /** The full `ot_pat_<publicId>_<secret>` value. Sandbox-only credentials, never echoed after creation. */
  value: string;
  scopes: Scope[];
  /** Minted while the account was unclaimed; revoked when the post-claim token is delivered. */
  preClaim: boolean;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** One anonymous agent registration and the state of its claim ceremony. */
export interface Registration {
  id: string;
  accountId: string;
  /** The `ot_clm_…` value the agent keeps to start the claim and poll for the post-claim token. */
  claimToken: string;
  claimTokenExpiresAt: string;
  currentAttemptId: string | null;
  /** Set when the one-time post-claim token has been handed out; later polls get `invalid_grant`. */
  postClaimTokenDeliveredAt: string | null;
}

export interface ClaimAttempt {
  id: string;
  registrationId: string;
  /** The `ot_cat_…` value embedded in the human's verification URL. */
  attemptToken: string;
  email: string;
  userCode: string;
  status: 'pending' | 'completed' | 'superseded';
  /** Minimum seconds between token polls; grows by 5 after each `slow_down` (RFC 8628). */
  intervalSeconds: number;
  lastPolledAt: string | null;
  expiresAt: string;
  createdAt: string;
  completedAt: string | null;
}

export type ApprovalType = Schemas['ApprovalType'];
export type ApprovalStatus = Schemas['ApprovalStatus'];
export type ApprovalResult = Schemas['ApprovalResult'];

export interface Approval {
  id: string;
  accountId: string;
  /** The token that asked for the co-sign; it (and the account owner) may read the approval. */
  requestedByTokenId: string | null;
  type: ApprovalType;
  status: ApprovalStatus;
  contractId: string | null;
  milestoneId: string | null;
  jobId: string | null;
  proposalId: string | null;
  /** One line shown to the human on the approval page, e.g. `Fund milestone "Batch 1" with $500.00`. */
  summary: string;
  /** What the confirmed action needs to execute (e.g. hire terms); opaque to the approval machinery. */
  payload: Record<string, unknown>;
  result: ApprovalResult | null;
  expiresAt: string;
  resolvedAt: string | null;
  createdAt: string;
}

/** A record of the account's delta feed (`GET /updates`) and the body of every webhook delivery. */
export interface PlatformEvent {
  id: string;
  accountId: string;
  type: Schemas['UpdateEventType'];
  apiVersion: 'v1';
  createdAt: string;
  resourceId: string;
  jobId: string | null;
  data: Record<string, unknown>;
}

export interface WebhookDeliveryAttempt {
  at: string;
  status: number | null;
  error: string | null;
}

export interface WebhookDelivery {
  id: string;
  accountId: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  url: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: WebhookDeliveryAttempt[];
  nextAttemptAt: string | null;
  createdAt: string;
  /** `partner` for a Platform API delivery: `webhookId` names a partner webhook endpoint, `eventId` a partner event. */
  api?: 'partner';
  /** Attempts made before the delivery was last requeued (Platform API redeliver); its retries count from there. */
  attemptsBeforeRequeue?: number;
}

export interface SandboxSettings {
  /** When false, `POST /api/agent/identity` answers 403 `anonymous_not_enabled`. */
  anonymousRegistration: boolean;
}

export interface SandboxState {
  version: typeof STATE_VERSION;
  seed: number;
  /** The seeded PRNG's position, so ids and secrets continue deterministically after a reload. */
  rng: number;
  /** Added to the injected clock; moved forward by the control plane. */
  clockOffsetMs: number;
  /** Next number per id prefix, for ids that are sequential by nature (event ids). */
  counters: Record<string, number>;
  settings: SandboxSettings;
  accounts: Record<string, Account>;
  users: Record<string, User>;
  tokens: Record<string, ApiToken>;
  registrations: Record<string, Registration>;
  claimAttempts: Record<string, ClaimAttempt>;
  approvals: Record<string, Approval>;
  events: PlatformEvent[];
  webhookDeliveries: WebhookDelivery[];
  // Jobs family
  jobs: Record<string, JobRecord>;
  // Hiring family
  freelancers: Record<string, FreelancerRecord>;
  proposals: Record<string, ProposalRecord>;
  conversations: Record<string, ConversationRecord>;
  messages: Record<string, MessageRecord>;
  // Money family
  contracts: Record<string, ContractRecord>;
  milestones: Record<string, MilestoneRecord>;
  invoices: Record<string, InvoiceRecord>;
  creditEntries: CreditEntryRecord[];
  creditTopUps: Record<string, CreditTopUpRecord>;
  /** Keyed by account id. */
  paymentMethods: Record<string, PaymentMethodRecord>;
  // Sync family
  webhooks: Record<string, WebhookSubscriptionRecord>;
  teamMembers: Record<string, TeamMemberRecord>;
  teamInvites: Record<string, TeamInviteRecord>;
  // Platform API
  installs: Record<string, InstallRecord>;
  partnerApps: Record<string, PartnerAppRecord>;
  projectLinks: Record<string, ProjectLinkRecord>;
  partnerWebhookEndpoints: Record<string, PartnerWebhookEndpointRecord>;
  /** Oldest first; deliveries of them live in `webhookDeliveries` with `api: 'partner'`. */
  partnerEvents: PartnerEventRecord[];
}
