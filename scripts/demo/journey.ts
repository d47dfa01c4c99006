// The whole OpenTrain journey through the SDK, against a sandbox on loopback: an agent registers, a human claims
// the account, the agent drafts and publishes a job, hires an AI trainer and pays milestones that the human
// co-signs, and a webhook receiver verifies every event it is sent.

import type { RunningSandbox } from '@opentrain-ai/sandbox';
import { ConflictError, isPendingApproval, OpenTrain, webhooks } from '@opentrain-ai/sdk';
import { addCard, claimAccount, confirmApproval, mintKeyInApp } from './human.js';
import { startReceiver } from './receiver.js';

export type Say = (step: string, detail?: string) => void;

const JOB_TEXT = `We need 2 annotators to label sentiment in 5,000 Spanish customer-support chats.
Pay is $18/hour. Labels: positive, negative, neutral.`;

/** Answers for whatever the draft still asks; keys are draft update keys. */
const ANSWERS: Record<string, unknown> = {
  jobTitle: 'Spanish Sentiment Labeling',
  experienceLevel: 'INTERMEDIATE',
  paymentType: 'PAY_PER_HOUR',
  pricePerHour: 18,
  headcount: 2,
  languages: ['Spanish'],
  countries: ['ES', 'MX'],
  labelTypes: ['Sentiment'],
  dataVolume: 5000,
  dataVolumeUnit: 'NUMBER_OF_FILES',
};

export interface JourneyResult {
  /** The agent's post-claim token, for the steps that follow; never printed. */
  agentToken: string;
  jobId: string;
  contractId: string;
  milestoneStatuses: string[];
  verifiedEvents: string[];
}

export async function runJourney(running: RunningSandbox, say: Say): Promise<JourneyResult> {
  const { url: baseUrl, sandbox } = running;
  const receiver = await startReceiver();
  try {
    const anonymous = new OpenTrain({ baseUrl, apiKey: null });
    const registration = await anonymous.agent.register({
      agent_name: 'Demo agent',
      organization_name: 'Acme Research',
    });
    say('Agent registered', `pre-claim scopes: ${registration.scopes.join(', ')}`);

    const claim = await anonymous.agent.startClaim({
      claim_token: registration.claim_token,
      email: 'owner@example.com',
    });
    say('Claim started', `the human opens ${claim.verification_uri.split('?')[0]} and types code ${claim.user_code}`);
    await claimAccount(claim.verification_uri, 'owner@example.com', claim.user_code);
    const claimed = await anonymous.agent.waitForClaim({ claimToken: registration.claim_token, timeoutMs: 30_000 });
    const agent = new OpenTrain({ baseUrl, apiKey: claimed.access_token });
    const me = await agent.auth.me();
    say('Account claimed', `post-claim token with ${claimed.scopes.length} scopes for ${me.actor.email}`);

    const draft = await agent.jobDrafts.create({ rawJobDescription: JOB_TEXT });
    say(
      'Draft created from plain text',
      `still missing: ${missingFieldNames(draft.validation.missingFields).join(', ') || 'nothing'}`,
    );
    // The documented loop: answer what the draft asks until it is ready to publish.
    let validation = draft.validation;
    for (let round = 1; !validation.publishReady; round++) {
      const missing = missingFieldNames(validation.missingFields);
      if (round > 5 || missing.some((field) => !(field in ANSWERS))) {
        throw new Error(`The draft still needs: ${missing.join(', ')}`);
      }
      validation = (await agent.jobDrafts.update(draft.jobId, pick(ANSWERS, missing))).validation;
      say(`Answered ${missing.join(', ')}`, `publish ready: ${validation.publishReady}`);
    }
    const published = await agent.jobs.publish(draft.jobId);
    say('Job published', `status ${published.status}`);

    // Money and webhooks need scopes no agent token holds: the human mints a key in the app's settings.
    const payer = new OpenTrain({ baseUrl, apiKey: await mintKeyInApp(baseUrl, me.account.organizationId) });
    const subscription = await payer.webhooks.create({
      url: receiver.url,
      eventTypes: ['proposal.received', 'contract.created', 'milestone.status_changed', 'approval.confirmed'],
    });
    say('Webhook subscribed', receiver.url);

    await sandbox.control.applyTrainer({ jobId: draft.jobId });
    await sandbox.control.applyTrainer({ jobId: draft.jobId });
    const proposals = await agent.proposals.list(draft.jobId).toArray({ limit: 10 });
    const best = proposals[0];
    if (!best) throw new Error('No AI trainer applied to the job.');
    say('Proposals received', `${proposals.length} candidates; hiring ${best.candidate.displayName}`);

    const terms = {
      milestone: { name: 'First labeling batch', description: 'Label the first 1,000 chats', amount: 300 },
    };
    const hire = await agent.proposals.hire(best.id, terms).catch(async (error: unknown) => {
      // No card and no credit yet: the refusal carries the billing link for the human.
      if (!(error instanceof ConflictError) || error.reason !== 'payment_method_required') throw error;
      say('Hire refused: payment method required', `the human adds a card at ${String(error.details?.billingUrl)}`);
      await addCard(String(error.details?.billingUrl));
      return agent.proposals.hire(best.id, terms);
    });
    say('Hire requested (202)', `a human must confirm at ${hire.approval.approvalUrl}`);
    await confirmApproval(hire.approval.approvalUrl);
    const hired = await payer.approvals.wait(hire.approval.id, { timeoutMs: 30_000, intervalMs: 200 });
    const contractId = String((hired.result as { contractId?: string } | null)?.contractId);
    say('Hire confirmed', `contract ${contractId}`);

    const milestone = await payer.milestones.create(contractId, {
      name: 'Second batch',
      description: 'Label the next 1,000 chats',
      volume: 20,
    });
    const fund = await payer.milestones.fund(milestone.milestone.id);
    await confirmApproval(fund.approval.approvalUrl);
    await payer.approvals.wait(fund.approval.id, { timeoutMs: 30_000, intervalMs: 200 });
    say('Milestone funded', `${milestone.milestone.name}: escrow held after the human co-signed`);

    const release = await payer.milestones.approve(milestone.milestone.id);
    await confirmApproval(release.approval.approvalUrl);
    await payer.approvals.wait(release.approval.id, { timeoutMs: 30_000, intervalMs: 200 });
    const contract = await payer.contracts.get(contractId);
    const milestoneStatuses = contract.contract.milestones.map((m) => `${m.name}: ${m.status}`);
    say('Milestone approved and paid', milestoneStatuses.join('; '));

    const ending = await payer.contracts.end(contractId);
    say('Contract end requested', isPendingApproval(ending) ? 'escrow remains: a human must confirm' : 'ended at once');

    await sandbox.control.flushWebhooks();
    const verifiedEvents: string[] = [];
    for (const delivery of receiver.deliveries) {
      const event = await webhooks.unwrap(delivery.rawBody, delivery.headers, subscription.secret);
      verifiedEvents.push(event.type);
    }
    say('Webhooks verified', `${verifiedEvents.length} signed deliveries: ${[...new Set(verifiedEvents)].join(', ')}`);
    return { agentToken: claimed.access_token, jobId: draft.jobId, contractId, milestoneStatuses, verifiedEvents };
  } finally {
    await receiver.close();
  }
}

const pick = (source: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.map((key) => [key, source[key]]));

function missingFieldNames(fields: ReadonlyArray<string | { field: string }>): string[] {
  return fields.map((entry) => (typeof entry === 'string' ? entry : entry.field));
}
