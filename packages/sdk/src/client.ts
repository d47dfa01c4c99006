import type { ClientOptions } from './base-client.js';
import { PartnerClientBase, PublicClientBase } from './generated/resources.js';
import { type Agent, withClaimWait } from './resources/agent.js';
import { type Approvals, withApprovalWait } from './resources/approvals.js';

export type { ClientOptions } from './base-client.js';

/**
 * The Public API client (`ot_pat_…` tokens). Without `apiKey` it reads `OPENTRAIN_API_TOKEN`, then `OT_API_TOKEN`;
 * tokenless operations (marketplace search, agent registration) need neither. Every `x-opentrain-sdk` namespace of
 * the spec is a property (`jobs`, `proposals`, `contracts`, ...); `approvals` and `agent` add waiting helpers.
 */
export class OpenTrain extends PublicClientBase {
  declare readonly approvals: Approvals;
  declare readonly agent: Agent;

  constructor(options: ClientOptions = {}) {
    super(options);
    // The generated namespaces exist once super() returns; these add the waiting helpers to them.
    withApprovalWait(this.approvals, this.transport);
    withClaimWait(this.agent, this.transport);
  }
}

/**
 * The Platform API client for annotation platforms (`ot_ptk_…` tokens; env `OPENTRAIN_PARTNER_TOKEN`, then
 * `OT_PARTNER_TOKEN`): `projectLinks`, `contracts`, `installs` and `webhookEndpoints`.
 */
export class OpenTrainPartner extends PartnerClientBase {
  constructor(options: ClientOptions = {}) {
    super(options);
  }
}
