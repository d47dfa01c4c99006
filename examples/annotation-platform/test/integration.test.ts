import { type RunningSandbox, startSandbox } from '@opentrain-ai/sandbox';
import { OpenTrainPartner, type PartnerWebhookEvent, webhooks } from '@opentrain-ai/sdk';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MemoryWorkerDirectory } from '../src/directory.js';
import {
  checkInstall,
  handlePlatformEvent,
  linkProject,
  provisionParticipants,
  readBudget,
  reportDailyUsage,
  subscribeWebhooks,
} from '../src/integration.js';
import { main } from '../src/main.js';
import { startPlatformReceiver } from '../src/receiver.js';
import { type HireResult, hireOnJob } from '../src/sandbox-employer.js';

interface Seeded {
  accountId: string;
  token: string;
  jobId: string;
  partnerToken: string;
}

// The Platform API integration against the sandbox's `annotation-platform` scenario, from install check to budget.
describe('the annotation platform integration', () => {
  let running: RunningSandbox;
  let seeded: Seeded;
  let partner: OpenTrainPartner;
  let receiver: Awaited<ReturnType<typeof startPlatformReceiver>>;
  let secret: string | undefined;
  let hire: HireResult;
  let linkId: string;
  const directory = new MemoryWorkerDirectory();
  const events: PartnerWebhookEvent[] = [];
  const log: string[] = [];

  beforeAll(async () => {
    running = await startSandbox({ port: 0 });
    seeded = (await running.sandbox.control.seed('annotation-platform')) as unknown as Seeded;
    partner = new OpenTrainPartner({ baseUrl: running.url, apiKey: seeded.partnerToken });
    receiver = await startPlatformReceiver({
      secret: () => secret,
      onEvent: async (event) => {
        events.push(event);
        await handlePlatformEvent(event, { partner, directory, log: (line) => log.push(line) });
      },
    });
  });
  afterAll(async () => {
    await receiver?.close();
    await running?.close();
  });

  it('checks the install, links the project once and subscribes the endpoint', async () => {
    const install = await checkInstall(partner);
    expect(install).toMatchObject({ status: 'ACTIVE', piiConsent: true, partnerApp: { name: 'LabelForge' } });

    const project = { externalProjectId: 'proj-42', externalProjectName: 'Spanish sentiment', jobId: seeded.jobId };
    const link = await linkProject(partner, project);
    expect(link).toMatchObject({ externalProjectId: 'proj-42', jobId: seeded.jobId });
    // Running the set-up again reuses the link instead of failing on the duplicate project id.
    expect((await linkProject(partner, project)).id).toBe(link.id);
    await expect(linkProject(partner, { ...project, jobId: 'job_other' })).rejects.toThrow(
      /already linked to job .*delete link/,
    );
    linkId = link.id;

    const endpoint = await subscribeWebhooks(partner, receiver.url);
    expect(endpoint.secret).toMatch(/^whsec_/);
    secret = endpoint.secret;
  });

  it('provisions the hired trainer, with their Work Email, from a verified contract.started delivery', async () => {
    hire = await hireOnJob(running, seeded.token, seeded.jobId);
    await running.sandbox.control.flushWebhooks();
    await receiver.settled();

    const started = events.find((event) => event.type === 'contract.started');
    expect(started).toBeDefined();
    if (started?.type !== 'contract.started') return;
    expect(started.data.contract).toMatchObject({ id: hire.contractId, status: 'active', jobId: seeded.jobId });
    expect(started.data.projectLink.id).toBe(linkId);
    expect(started.data.freelancer.opentrainUserId).toBe(hire.freelancerId);

    const account = directory.accounts.get(hire.freelancerId);
    expect(account).toMatchObject({ active: true, displayName: started.data.freelancer.displayName });
    expect(account?.email).toMatch(/@opentrain\.work$/);
    expect(log).toContain(
      `Contract ${hire.contractId} started on project proj-42: provisioned ${account?.displayName} <${account?.email}>`,
    );
    const deliveries = running.sandbox.control.webhookDeliveries(seeded.accountId);
    expect(deliveries.filter((delivery) => delivery.eventType === 'contract.started')).toMatchObject([
      { api: 'partner', status: 'succeeded' },
    ]);
  });

  it('refuses a delivery whose body was altered after signing', async () => {
    const started = events.find((event) => event.type === 'contract.started');
    if (!secret || !started) throw new Error('no contract.started delivery arrived');
    const body = JSON.stringify(started);
    const signature = await webhooks.sign(body, secret);
    // The receiver's check is webhooks.unwrap with { api: 'partner' }: the genuine body passes it...
    await expect(
      webhooks.unwrap(body, { 'x-opentrain-signature': signature }, secret, { api: 'partner' }),
    ).resolves.toMatchObject({ type: 'contract.started' });
    // ...and a forged one gets a 400 and is never handled.
    const handledBefore = events.length;
    const forged = await fetch(receiver.url, {
      method: 'POST',
      headers: { 'x-opentrain-signature': signature, 'x-opentrain-delivery': 'dlv_forged' },
      body: body.replace(hire.freelancerId, 'usr_attacker'),
    });
    await receiver.settled();
    expect(forged.status).toBe(400);
    expect(await forged.json()).toEqual({ error: 'Invalid signature', reason: 'signature_mismatch' });
    expect(events).toHaveLength(handledBefore);
  });

  it('reports daily usage idempotently and reads the budget', async () => {
    const workDate = running.sandbox.control.now().slice(0, 10);
    const day = { workDate, opentrainUserId: hire.freelancerId, totalSeconds: 3_600, labelsCompleted: 1_200 };

    const first = await reportDailyUsage(partner, hire.contractId, [day]);
    expect(first.accepted).toBe(1);
    expect(first.budget).toMatchObject({ paymentType: 'PAY_PER_LABEL', consumedVolume: 1_200 });
    // The same report again (a retry, a re-run of the nightly job) changes nothing: totals are per worker and day.
    const again = await reportDailyUsage(partner, hire.contractId, [day]);
    expect(again.budget.consumed).toEqual(first.budget.consumed);
    // A later report for the same day replaces the day's totals instead of adding to them.
    await reportDailyUsage(partner, hire.contractId, [{ ...day, totalSeconds: 5_400, labelsCompleted: 1_500 }]);

    const budget = await readBudget(partner, hire.contractId);
    expect(budget.fundedVolume).toBeGreaterThan(1_500);
    expect(budget).toMatchObject({
      contractId: hire.contractId,
      state: 'OK',
      consumed: { seconds: 5_400, labels: 1_500 },
      consumedVolume: 1_500,
      remainingVolume: Math.round((budget.fundedVolume - 1_500) * 10_000) / 10_000,
      lastUsageAt: expect.any(String),
    });
    expect(budget.activeMilestone).toMatchObject({ name: 'First batch', status: 'ACTIVE_FUNDED' });

    const tomorrow = new Date(Date.parse(`${workDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await expect(reportDailyUsage(partner, hire.contractId, [{ ...day, workDate: tomorrow }])).rejects.toMatchObject({
      status: 400,
      details: { field: 'entries.0.workDate' },
    });
  });

  it('names missing scopes, and provisions without an email when the employer shared none', async () => {
    const limited = await running.sandbox.control.connectPartnerApp({
      accountId: seeded.accountId,
      app: { slug: 'tagwise', name: 'Tagwise' },
      scopes: ['project-links:write', 'contracts:read', 'participants:read'],
      piiConsent: false,
    });
    const other = new OpenTrainPartner({ baseUrl: running.url, apiKey: limited.token });
    await expect(checkInstall(other)).rejects.toThrow(
      `The install ${limited.installId} lacks the scopes usage:write, webhooks:manage`,
    );

    await linkProject(other, { externalProjectId: 'tw-7', jobId: seeded.jobId });
    const otherDirectory = new MemoryWorkerDirectory();
    const accounts = await provisionParticipants(other, hire.contractId, otherDirectory);
    expect(accounts).toEqual([{ opentrainUserId: hire.freelancerId, displayName: expect.any(String), active: true }]);
    expect(accounts[0]).not.toHaveProperty('email');
  });
});

describe('main()', () => {
  it('runs the whole integration against a sandbox when no partner token is set', async () => {
    vi.stubEnv('OPENTRAIN_PARTNER_TOKEN', '');
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
    try {
      await main();
    } finally {
      spy.mockRestore();
      vi.unstubAllEnvs();
    }
    const output = lines.join('\n');
    expect(output).toContain('running against a local sandbox');
    expect(output).toMatch(/Project proj-spanish-sentiment linked to job job_/);
    expect(output).toMatch(
      /Contract ctr_\w+ started on project proj-spanish-sentiment: provisioned .+@opentrain\.work>/,
    );
    expect(output).toMatch(/Budget: 1200 of [\d.]+ consumed \(\d+ %\), state OK/);
    expect(output).not.toMatch(/ot_ptk_|whsec_|ot_pat_/);
  });
});
