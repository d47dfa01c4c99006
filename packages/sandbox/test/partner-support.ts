import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Sandbox, SandboxOptions } from '../src/index.js';
import { type HireContractInput, openContractFromHire } from '../src/state/contracts.js';
import { materialiseTrainer, trainerPool } from '../src/state/trainers.js';
import { type Call, frozenSandbox, inProcessCaller, inProcessFormPoster } from './in-process-support.js';
import type { Json } from './support.js';

export { ORIGIN } from './in-process-support.js';
export { type Json, START } from './support.js';
export const PARTNER = '/api/partner/v1';
export const PUBLIC = '/api/public/v1';

export interface PartnerWorld {
  sandbox: Sandbox;
  accountId: string;
  jobId: string;
  /** The employer's own Public API token (all scopes). */
  token: string;
  /** The install's `ot_ptk_…` token (all seven scopes, PII consent). */
  partnerToken: string;
  installId: string;
  appId: string;
  /** A Platform API call with the install token unless another (or `null` for none) is given. */
  partner: Call;
  /** A Public API call with the employer's token unless another is given. */
  pub: Call;
  /** Presses a button of the approval page, as the human does. */
  press(approvalId: string, decision?: 'confirm' | 'decline'): Promise<Response>;
}

/** An in-process sandbox on a frozen clock, seeded with the `annotation-platform` scenario. */
export async function partnerWorld(options: SandboxOptions = {}): Promise<PartnerWorld> {
  const sandbox = frozenSandbox(options);
  const seeded = (await sandbox.control.seed('annotation-platform')) as Omit<
    PartnerWorld,
    'sandbox' | 'partner' | 'pub' | 'press'
  >;
  const partner = inProcessCaller(sandbox, { token: seeded.partnerToken });
  const pub = inProcessCaller(sandbox, { token: seeded.token });
  const form = inProcessFormPoster(sandbox);
  return {
    sandbox,
    ...seeded,
    partner: (method, path, options) => partner(method, `${PARTNER}${path}`, options),
    pub: (method, path, options) => pub(method, `${PUBLIC}${path}`, options),
    press: (approvalId, decision = 'confirm') => form(`/approvals/${approvalId}/${decision}`),
  };
}

/**
 * Hires an AI trainer on the world's job through the Public API: the simulated trainers apply within the hour, the
 * agent requests the hire of the first applicant, and the human confirms it on the approval page.
 */
export async function hireThroughPublicApi(world: PartnerWorld, milestoneAmount = 300) {
  await world.sandbox.control.advanceClock(60 * 60_000);
  const proposals = await world.pub('GET', `/jobs/${world.jobId}/proposals`);
  if (proposals.status !== 200 || proposals.body.proposals.length === 0) {
    throw new Error(`no applicants to hire (${proposals.status})`);
  }
  const proposalId: string = proposals.body.proposals[0].id;
  const requested = await world.pub('POST', `/proposals/${proposalId}/hire`, {
    body: { milestone: { name: 'Week 1', description: 'The first labeling batch', amount: milestoneAmount } },
  });
  if (requested.status !== 202) throw new Error(`hire request answered ${requested.status}`);
  const pressed = await world.press(requested.body.approval.id);
  if (pressed.status >= 400) throw new Error(`confirming the hire answered ${pressed.status}`);
  const contract = Object.values(world.sandbox.state.contracts).find((c) => c.proposalId === proposalId);
  if (!contract) throw new Error('the confirmed hire opened no contract');
  return contract;
}

/**
 * A contract on one of the employer's jobs, opened the way a confirmed hire opens it (by default hourly at $14 with a
 * first milestone of $560, i.e. 40 funded hours), with the `trainer`-th simulated trainer.
 */
export function openContract(
  world: PartnerWorld,
  options: { jobId?: string; trainer?: number } & Partial<Omit<HireContractInput, 'milestone'>> = {},
) {
  const { trainer: index = 0, ...overrides } = options;
  return world.sandbox.control.mutate((state, now) => {
    const trainer = trainerPool(state.seed)[index];
    if (!trainer) throw new Error(`no simulated trainer number ${index}`);
    materialiseTrainer(state, trainer);
    return openContractFromHire(
      state,
      {
        accountId: world.accountId,
        jobId: world.jobId,
        proposalId: `prp_${index}`,
        freelancerId: trainer.id,
        title: 'Traffic signs batch 3 — annotation',
        paymentType: 'PAY_PER_HOUR',
        rateUsd: 14,
        ...overrides,
        milestone: { name: 'Week 1', amountUsd: 560 },
      },
      now,
    );
  });
}

/** Verifies `X-OpenTrain-Signature` as a receiver does, with node:crypto over the raw body. */
export function verifySignature(secret: string, header: string, rawBody: string) {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=') as [string, string]));
  const expected = createHmac('sha256', secret).update(`${parts.t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return { valid: given.length === expected.length && timingSafeEqual(given, expected), timestamp: Number(parts.t) };
}

/** The Platform events of one type, oldest first. */
export const partnerEventsOf = (sandbox: Sandbox, type: string) =>
  sandbox.state.partnerEvents.filter((event) => event.type === type);

export interface CapturedDelivery {
  url: string;
  event: string | null;
  deliveryId: string | null;
  signature: string | null;
  userAgent: string | null;
  raw: string;
  body: Json;
}

/** A `webhookFetch` that records deliveries in process and answers each with the status `answer` gives. */
export function captureDeliveries(answer: (n: number) => number = () => 200) {
  const received: CapturedDelivery[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    const headers = new Headers(init.headers);
    const raw = String(init.body);
    received.push({
      url,
      event: headers.get('x-opentrain-event'),
      deliveryId: headers.get('x-opentrain-delivery'),
      signature: headers.get('x-opentrain-signature'),
      userAgent: headers.get('user-agent'),
      raw,
      body: JSON.parse(raw),
    });
    return new Response(null, { status: answer(received.length) });
  };
  return { received, fetch };
}
