import { describe, expect, it } from 'vitest';
import { createOpenJob } from '../src/state/jobs.js';
import {
  captureDeliveries,
  type Json,
  openContract,
  type PartnerWorld,
  partnerEventsOf,
  partnerWorld,
  START,
} from './partner-support.js';

const READY_JOB =
  'Spanish Sentiment Labeling\nWe need 5 fluent Spanish speakers to label the sentiment of 20,000 social media posts. Intermediate level. Pay is $0.05 per label.';

async function link(world: PartnerWorld, externalProjectId: string, jobId = world.jobId, token?: string) {
  const created = await world.partner('POST', '/project-links', { token, body: { externalProjectId, jobId } });
  if (created.status !== 201) throw new Error(`linking answered ${created.status}`);
  return created.body.projectLink as Json;
}

function secondJob(world: PartnerWorld) {
  return world.sandbox.control.mutate((state, now) => {
    const account = state.accounts[world.accountId];
    if (!account) throw new Error('no employer');
    return createOpenJob(state, account, READY_JOB, now).id;
  });
}

/** Another app connected to the world's employer with these scopes and consent, and its own link to the job. */
async function otherInstall(world: PartnerWorld, scopes: string[], piiConsent: boolean) {
  const { token } = await world.sandbox.control.connectPartnerApp({
    accountId: world.accountId,
    scopes: [...scopes, 'project-links:write'],
    piiConsent,
    app: { slug: 'tagtool', name: 'TagTool' },
  });
  await link(world, 'tagtool-1', world.jobId, token);
  return token;
}

const usage = (world: PartnerWorld, contractId: string, entries: unknown[]) =>
  world.partner('POST', `/contracts/${contractId}/usage`, { body: { entries } });

describe('GET /contracts', () => {
  it('lists contracts on linked jobs only, newest first, filtered by link, status and limit', async () => {
    const world = await partnerWorld();
    const otherJobId = await secondJob(world);
    const unlinkedJobId = await secondJob(world);
    const first = await link(world, 'a');
    const second = await link(world, 'b', otherJobId);
    const older = await openContract(world, { trainer: 0 });
    const newer = await openContract(world, { trainer: 1, jobId: otherJobId });
    await openContract(world, { trainer: 2, jobId: unlinkedJobId });

    const all = await world.partner('GET', '/contracts');
    expect(all.body.contracts.map((c: Json) => [c.id, c.projectLinkIds])).toEqual([
      [newer.id, [second.id]],
      [older.id, [first.id]],
    ]);
    expect((await world.partner('GET', `/contracts?projectLinkId=${first.id}`)).body.contracts).toEqual([
      all.body.contracts[1],
    ]);
    expect((await world.partner('GET', '/contracts?limit=1')).body.contracts).toEqual([all.body.contracts[0]]);
    expect((await world.partner('GET', '/contracts?status=ended')).body.contracts).toEqual([]);

    const unknown = await world.partner('GET', '/contracts?projectLinkId=plk_missing');
    expect([unknown.status, unknown.body.details]).toEqual([
      404,
      { resource: 'project-links', projectLinkId: 'plk_missing' },
    ]);
    expect((await world.partner('GET', '/contracts?status=paused')).status).toBe(400);
    expect((await world.partner('GET', '/contracts?limit=0')).status).toBe(400);
  });
});

describe('GET /contracts/{contractId}/participants', () => {
  it('shows the hired trainer, with a Work Email only for participants:email plus PII consent', async () => {
    const world = await partnerWorld();
    await link(world, 'a');
    const contract = await openContract(world);
    const trainer = world.sandbox.state.freelancers[contract.freelancerId];

    const withEmail = await world.partner('GET', `/contracts/${contract.id}/participants`);
    expect(withEmail.body).toEqual({
      contractId: contract.id,
      participants: [
        {
          opentrainUserId: contract.freelancerId,
          displayName: `${trainer?.firstName} ${trainer?.lastName.charAt(0)}.`,
          country: trainer?.countryCode,
          profileUrl: `http://sandbox.test/profile/${trainer?.slug}`,
          workEmail: expect.stringMatching(/^[a-z]+\.\d{4}@opentrain\.work$/),
        },
      ],
    });
    const text = JSON.stringify(withEmail.body);
    expect(text).not.toContain(trainer?.lastName);

    const noConsent = await otherInstall(world, ['participants:read', 'participants:email'], false);
    const withoutConsent = await world.partner('GET', `/contracts/${contract.id}/participants`, { token: noConsent });
    expect(withoutConsent.status).toBe(200);
    expect(withoutConsent.body.participants[0]).not.toHaveProperty('workEmail');
    expect(withoutConsent.body.participants[0].opentrainUserId).toBe(contract.freelancerId);
  });

  it('leaves the Work Email out without the participants:email scope, in the API and in contract.started', async () => {
    const captured = captureDeliveries();
    const world = await partnerWorld({ webhookFetch: captured.fetch });
    const token = await otherInstall(world, ['participants:read', 'webhooks:manage'], true);
    await world.partner('POST', '/webhook-endpoints', {
      token,
      body: { url: 'https://tagtool.example/hooks', eventTypes: ['contract.started'] },
    });
    const contract = await openContract(world);

    const participants = await world.partner('GET', `/contracts/${contract.id}/participants`, { token });
    expect(participants.body.participants[0]).not.toHaveProperty('workEmail');
    await world.sandbox.control.flushWebhooks();
    expect(captured.received).toHaveLength(1);
    expect(captured.received[0]?.body.data.freelancer).not.toHaveProperty('workEmail');
  });

  it('answers 404 for a contract that is missing or whose job is not linked on this install', async () => {
    const world = await partnerWorld();
    const unlinked = await openContract(world);
    for (const contractId of [unlinked.id, 'ctr_missing']) {
      for (const path of ['participants', 'budget']) {
        const refused = await world.partner('GET', `/contracts/${contractId}/${path}`);
        expect([refused.status, refused.body.details]).toEqual([404, { resource: 'contracts', contractId }]);
      }
      const usageRefused = await usage(world, contractId, [{ workDate: '2026-06-12', totalSeconds: 60 }]);
      expect(usageRefused.status).toBe(404);
    }
  });
});

describe('GET /contracts/{contractId}/budget', () => {
  it('reads the funded volume and the active milestone without emitting anything', async () => {
    const world = await partnerWorld();
    await link(world, 'a');
    const contract = await openContract(world);
    const eventsBefore = world.sandbox.state.partnerEvents.length;
    const milestone = Object.values(world.sandbox.state.milestones).find((m) => m.contractId === contract.id);

    const budget = await world.partner('GET', `/contracts/${contract.id}/budget`);
    expect(budget.body).toEqual({
      contractId: contract.id,
      paymentType: 'PAY_PER_HOUR',
      state: 'OK',
      fundedVolume: 40,
      fundedAmountUsd: 560,
      consumed: { seconds: 0, hours: 0, labels: 0, tasks: 0 },
      consumedVolume: 0,
      remainingVolume: 40,
      consumedFraction: 0,
      activeMilestone: { id: milestone?.id, name: 'Week 1', amountUsd: 560, volume: 40, status: 'ACTIVE_FUNDED' },
      lastUsageAt: null,
    });
    expect(world.sandbox.state.partnerEvents).toHaveLength(eventsBefore);

    // The Platform API always names the milestone, even one created without a name.
    await world.sandbox.control.mutate(() => {
      if (milestone) milestone.name = null;
    });
    const unnamed = await world.partner('GET', `/contracts/${contract.id}/budget`);
    expect(unnamed.body.activeMilestone.name).toBe('Milestone 1');
  });
});

describe('POST /contracts/{contractId}/usage', () => {
  it('stores cumulative totals per worker and day: a repeat changes nothing, omitted fields keep their values', async () => {
    const world = await partnerWorld();
    await link(world, 'a');
    const contract = await openContract(world);
    await world.sandbox.control.advanceClock(8 * 3600_000);
    const entry = {
      workDate: '2026-06-12',
      totalSeconds: 14400,
      tasksCompleted: 52,
      labelsCompleted: 410,
      externalReportId: 'daily-report-8841',
      workerOpentrainUserId: contract.freelancerId,
    };

    const first = await usage(world, contract.id, [entry]);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      contractId: contract.id,
      accepted: 1,
      budget: {
        consumed: { seconds: 14400, hours: 4, labels: 410, tasks: 52 },
        consumedVolume: 4,
        remainingVolume: 36,
        consumedFraction: 0.1,
        lastUsageAt: '2026-06-12T18:00:00.000Z',
      },
    });
    expect((await usage(world, contract.id, [entry])).body).toEqual(first.body);

    const partial = await usage(world, contract.id, [{ workDate: '2026-06-12', totalSeconds: 18000 }]);
    expect(partial.body.budget.consumed).toEqual({ seconds: 18000, hours: 5, labels: 410, tasks: 52 });
    expect(world.sandbox.state.contracts[contract.id]?.usage).toEqual([
      expect.objectContaining({ workDate: '2026-06-12', externalReportId: 'daily-report-8841', totalSeconds: 18000 }),
    ]);
  });

  it('refuses the whole report, naming the entry, for a future day or a worker who is not a participant', async () => {
    const world = await partnerWorld();
    await link(world, 'a');
    const contract = await openContract(world);
    const valid = { workDate: '2026-06-12', totalSeconds: 3600 };

    const future = await usage(world, contract.id, [valid, { workDate: '2026-06-13', totalSeconds: 60 }]);
    expect([future.status, future.body.details]).toEqual([
      400,
      { field: 'entries.1.workDate', reason: 'future_work_date' },
    ]);
    const stranger = await usage(world, contract.id, [valid, { ...valid, workerOpentrainUserId: 'usr_someone' }]);
    expect([stranger.status, stranger.body.details]).toEqual([
      400,
      { field: 'entries.1.workerOpentrainUserId', reason: 'not_a_participant' },
    ]);
    expect(world.sandbox.state.contracts[contract.id]?.usage).toEqual([]);

    const refusedBySpec: [unknown[], string][] = [
      [[], 'entries'],
      [Array.from({ length: 101 }, () => valid), 'entries'],
      [[{ workDate: '2026-02-30' }], 'entries.0.workDate'],
      [[{ totalSeconds: 60 }], 'entries.0.workDate'],
      [[{ workDate: '2026-06-12', totalSeconds: 86401 }], 'entries.0.totalSeconds'],
      [[{ workDate: '2026-06-12', labelsCompleted: -1 }], 'entries.0.labelsCompleted'],
    ];
    for (const [entries, field] of refusedBySpec) {
      const refused = await usage(world, contract.id, entries);
      expect([refused.status, refused.body.details.field], field).toEqual([400, field]);
    }
  });

  it('answers 409 when the contract has no hired AI trainer', async () => {
    const world = await partnerWorld();
    await link(world, 'a');
    const contract = await openContract(world);
    await world.sandbox.control.mutate((state) => {
      const stored = state.contracts[contract.id];
      if (stored) stored.freelancerId = '';
    });
    const refused = await usage(world, contract.id, [{ workDate: '2026-06-12', totalSeconds: 60 }]);
    expect([refused.status, refused.body.details]).toEqual([409, { reason: 'no_hired_trainer' }]);
  });

  it('fires the budget events on upward crossings only, and again after a new milestone is funded', async () => {
    const captured = captureDeliveries();
    const world = await partnerWorld({ webhookFetch: captured.fetch });
    await world.partner('POST', '/webhook-endpoints', {
      body: {
        url: 'https://platform.example/hooks',
        eventTypes: ['milestone.funded', 'milestone.budget_low', 'milestone.budget_depleted'],
      },
    });
    await link(world, 'a');
    const contract = await openContract(world);
    const hours = (day: string, count: number) => ({ workDate: day, totalSeconds: count * 3600 });

    expect((await usage(world, contract.id, [hours('2026-06-10', 20)])).body.budget.state).toBe('OK');
    const low = await usage(world, contract.id, [hours('2026-06-11', 13)]);
    expect(low.body.budget).toMatchObject({
      state: 'LOW',
      consumedVolume: 33,
      remainingVolume: 7,
      consumedFraction: 0.825,
    });
    await usage(world, contract.id, [hours('2026-06-11', 14)]); // still LOW: nothing new
    const depleted = await usage(world, contract.id, [hours('2026-06-12', 6)]);
    expect(depleted.body.budget).toMatchObject({
      state: 'DEPLETED',
      consumedVolume: 40,
      remainingVolume: 0,
      consumedFraction: 1,
    });
    expect(partnerEventsOf(world.sandbox, 'milestone.budget_low')).toHaveLength(1);
    expect(partnerEventsOf(world.sandbox, 'milestone.budget_depleted')).toHaveLength(1);

    // The employer funds a second milestone of 20 hours through the Public API; a human confirms on the page.
    const created = await world.pub('POST', `/contracts/${contract.id}/milestones`, {
      body: { name: 'Week 2', description: 'The second batch', volume: 20 },
    });
    expect(created.status).toBe(201);
    const funding = await world.pub('POST', `/milestones/${created.body.milestone.id}/fund`);
    expect(funding.status).toBe(202);
    await world.press(funding.body.approval.id);
    const funded = partnerEventsOf(world.sandbox, 'milestone.funded');
    expect(funded.map((event) => [event.resourceId, event.data])).toEqual([
      [
        created.body.milestone.id,
        {
          budget: expect.objectContaining({ state: 'OK', fundedVolume: 60, consumedVolume: 40 }),
          milestone: {
            id: created.body.milestone.id,
            name: 'Week 2',
            amountUsd: 280,
            volume: 20,
            status: 'ACTIVE_FUNDED',
          },
        },
      ],
    ]);

    await usage(world, contract.id, [hours('2026-06-12', 14)]); // 48 of 60 hours
    expect(partnerEventsOf(world.sandbox, 'milestone.budget_low')).toHaveLength(2);

    await world.sandbox.control.flushWebhooks();
    expect(captured.received.map((delivery) => delivery.event)).toEqual([
      'milestone.budget_low',
      'milestone.budget_depleted',
      'milestone.funded',
      'milestone.budget_low',
    ]);
    const firstLow = captured.received[0]?.body;
    expect(firstLow).toMatchObject({
      resourceId: low.body.budget.activeMilestone.id,
      jobId: world.jobId,
      data: { budget: low.body.budget, milestone: low.body.budget.activeMilestone },
    });
  });
});

describe('contract lifecycle events', () => {
  it('sends contract.ended as soon as a contract without escrow is ended through the Public API', async () => {
    const captured = captureDeliveries();
    const world = await partnerWorld({ webhookFetch: captured.fetch });
    await world.partner('POST', '/webhook-endpoints', {
      body: { url: 'https://platform.example/hooks', eventTypes: ['contract.ended'] },
    });
    const projectLink = await link(world, 'a');
    const contract = await openContract(world);
    const milestone = Object.values(world.sandbox.state.milestones).find((m) => m.contractId === contract.id);
    const release = await world.pub('POST', `/milestones/${milestone?.id}/approve`);
    await world.press(release.body.approval.id);

    const ended = await world.pub('POST', `/contracts/${contract.id}/end`);
    expect(ended.body).toEqual({ ok: true, contractId: contract.id, status: 'ended' });
    await world.sandbox.control.flushWebhooks();
    expect(captured.received.map((delivery) => delivery.body)).toEqual([
      {
        id: expect.any(String),
        type: 'contract.ended',
        apiVersion: 'v1',
        createdAt: START,
        resourceId: contract.id,
        jobId: world.jobId,
        data: {
          contract: expect.objectContaining({ id: contract.id, status: 'ended', endDate: START }),
          freelancer: expect.objectContaining({ opentrainUserId: contract.freelancerId }),
          projectLink,
        },
      },
    ]);
  });

  it('tells nothing while the feature is off, and does not replay it once the feature is back', async () => {
    const world = await partnerWorld();
    await link(world, 'a');
    await world.sandbox.control.setFeatures(world.accountId, { partner_api: false });
    const contract = await openContract(world);
    await world.sandbox.control.setFeatures(world.accountId, { partner_api: true });
    await world.sandbox.control.mutate(() => undefined);

    expect(partnerEventsOf(world.sandbox, 'contract.started')).toEqual([]);
    expect((await world.partner('GET', '/contracts')).body.contracts.map((c: Json) => c.id)).toEqual([contract.id]);
  });
});
