import { describe, expect, it } from 'vitest';
import {
  hireThroughPublicApi,
  type Json,
  ORIGIN,
  partnerEventsOf,
  partnerWorld,
  START,
  verifySignature,
} from './partner-support.js';
import { startReceiver } from './sync-support.js';

const HOUR = 3600_000;

describe('the reference integration, end to end', () => {
  it('connects, links, subscribes, provisions on contract.started, syncs usage and offboards on contract.ended', async () => {
    const receiver = await startReceiver();
    const world = await partnerWorld();

    // Connect: the platform checks the pasted token.
    const current = await world.partner('GET', '/installs/current');
    expect(current.status).toBe(200);
    expect(current.body).toEqual({
      install: {
        id: world.installId,
        status: 'ACTIVE',
        scopes: [
          'project-links:read',
          'project-links:write',
          'contracts:read',
          'participants:read',
          'participants:email',
          'usage:write',
          'webhooks:manage',
        ],
        piiConsent: true,
        organizationId: world.accountId,
        createdAt: START,
        partnerApp: { id: world.appId, slug: 'labelforge', name: 'LabelForge' },
        token: { id: expect.stringMatching(/^ptk_/), name: 'LabelForge connection', scopes: expect.any(Array) },
      },
    });
    expect(JSON.stringify(current.body)).not.toContain(world.partnerToken);

    // Link the platform's project to the OpenTrain job, before hiring starts.
    const linked = await world.partner('POST', '/project-links', {
      body: {
        externalProjectId: '42',
        externalProjectName: 'Traffic signs batch 3',
        externalProjectUrl: 'https://your-platform.example.com/projects/42',
        jobId: world.jobId,
      },
    });
    expect(linked.status).toBe(201);
    const link = linked.body.projectLink;
    expect(link).toEqual({
      id: expect.stringMatching(/^plk_/),
      jobId: world.jobId,
      externalProjectId: '42',
      externalProjectName: 'Traffic signs batch 3',
      externalProjectUrl: 'https://your-platform.example.com/projects/42',
      provisioningMode: 'PARTNER_WEBHOOK',
      createdAt: START,
    });

    // Subscribe the reference integration's four event types.
    const subscribed = await world.partner('POST', '/webhook-endpoints', {
      body: {
        url: receiver.url,
        eventTypes: ['contract.started', 'contract.ended', 'project_link.removed', 'install.revoked'],
      },
    });
    expect(subscribed.status).toBe(201);
    const secret: string = subscribed.body.secret;
    expect(secret).toMatch(/^whsec_/);
    const endpointId: string = subscribed.body.webhookEndpoint.id;

    // Provision: the employer hires on the linked job through the Public API and a human confirms on the page.
    const contract = await hireThroughPublicApi(world);
    await world.sandbox.control.flushWebhooks();
    expect(receiver.received).toHaveLength(1); // project_link.created happened before the subscription: no backfill
    const started = receiver.received[0];
    if (!started) throw new Error('no delivery arrived');
    expect(started.headers['x-opentrain-event']).toBe('contract.started');
    expect(started.headers['user-agent']).toBe('OpenTrain-Partner-Webhooks/1.0');
    expect(started.headers['content-type']).toBe('application/json');
    const signature = verifySignature(secret, String(started.headers['x-opentrain-signature']), started.rawBody);
    expect(signature).toEqual({ valid: true, timestamp: (Date.parse(START) + HOUR) / 1000 });
    expect(verifySignature(`${secret}x`, String(started.headers['x-opentrain-signature']), started.rawBody).valid).toBe(
      false,
    );
    const startedEvent = JSON.parse(started.rawBody);
    expect(startedEvent).toEqual({
      id: expect.stringMatching(/^\d+$/),
      type: 'contract.started',
      apiVersion: 'v1',
      createdAt: new Date(Date.parse(START) + HOUR).toISOString(),
      resourceId: contract.id,
      jobId: world.jobId,
      data: {
        contract: {
          id: contract.id,
          status: 'active',
          jobId: world.jobId,
          title: contract.title,
          startDate: contract.startDate,
          endDate: null,
          createdAt: contract.createdAt,
          projectLinkIds: [link.id],
        },
        freelancer: {
          opentrainUserId: contract.freelancerId,
          displayName: expect.stringMatching(/^\S+ [A-Z]\.$|^Freelancer$/),
          country: expect.any(String),
          profileUrl: expect.stringMatching(new RegExp(`^${ORIGIN}/profile/`)),
          workEmail: expect.stringMatching(/^[a-z]+\.\d{4}@opentrain\.work$/),
        },
        projectLink: link,
      },
    });
    expect(started.headers['x-opentrain-delivery']).toBe(
      world.sandbox.control.webhookDeliveries().find((delivery) => delivery.eventId === startedEvent.id)?.id,
    );

    // The platform reconciles and provisions by Work Email.
    const contracts = await world.partner('GET', '/contracts');
    expect(contracts.body.contracts).toEqual([startedEvent.data.contract]);
    const participants = await world.partner('GET', `/contracts/${contract.id}/participants`);
    expect(participants.body).toEqual({ contractId: contract.id, participants: [startedEvent.data.freelancer] });

    // Usage sync: cumulative per worker and day, so posting the same totals twice changes nothing.
    await world.partner('PATCH', `/webhook-endpoints/${endpointId}`, {
      body: {
        eventTypes: [
          'contract.started',
          'contract.ended',
          'project_link.removed',
          'install.revoked',
          'milestone.budget_low',
          'milestone.budget_depleted',
        ],
      },
    });
    const budget = (await world.partner('GET', `/contracts/${contract.id}/budget`)).body;
    expect(budget).toMatchObject({ contractId: contract.id, paymentType: 'PAY_PER_LABEL', state: 'OK' });
    expect(budget.fundedVolume).toBeGreaterThan(0);
    const labels = (fraction: number) => Math.ceil(budget.fundedVolume * fraction);

    const halfway = { workDate: '2026-06-12', totalSeconds: 7200, tasksCompleted: 10, labelsCompleted: labels(0.5) };
    const first = await world.partner('POST', `/contracts/${contract.id}/usage`, { body: { entries: [halfway] } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      contractId: contract.id,
      accepted: 1,
      budget: { state: 'OK', consumed: { seconds: 7200, hours: 2, labels: labels(0.5), tasks: 10 } },
    });
    const again = await world.partner('POST', `/contracts/${contract.id}/usage`, { body: { entries: [halfway] } });
    expect(again.body).toEqual(first.body);

    // The same day's totals grow past 80 %: one milestone.budget_low.
    const low = await world.partner('POST', `/contracts/${contract.id}/usage`, {
      body: { entries: [{ workDate: '2026-06-12', labelsCompleted: labels(0.85) }] },
    });
    expect(low.body.budget).toMatchObject({
      state: 'LOW',
      consumed: { seconds: 7200, labels: labels(0.85), tasks: 10 },
      consumedVolume: labels(0.85),
    });
    await world.partner('POST', `/contracts/${contract.id}/usage`, {
      body: { entries: [{ workDate: '2026-06-12', labelsCompleted: labels(0.85) }] },
    });
    expect(partnerEventsOf(world.sandbox, 'milestone.budget_low')).toHaveLength(1);

    // Another day's work takes it past 100 %: one milestone.budget_depleted.
    const depleted = await world.partner('POST', `/contracts/${contract.id}/usage`, {
      body: { entries: [{ workDate: '2026-06-11', labelsCompleted: labels(0.2) }] },
    });
    expect(depleted.body.budget).toMatchObject({ state: 'DEPLETED', remainingVolume: 0 });
    expect(depleted.body.budget.consumedFraction).toBeGreaterThanOrEqual(1);
    expect(partnerEventsOf(world.sandbox, 'milestone.budget_depleted')).toHaveLength(1);

    await world.sandbox.control.flushWebhooks();
    const types = receiver.received.map((request) => request.headers['x-opentrain-event']);
    expect(types).toEqual(['contract.started', 'milestone.budget_low', 'milestone.budget_depleted']);
    const lowEvent: Json = JSON.parse(receiver.received[1]?.rawBody ?? '{}');
    expect(lowEvent).toMatchObject({
      resourceId: budget.activeMilestone.id,
      jobId: world.jobId,
      data: { budget: { contractId: contract.id, state: 'LOW' }, milestone: budget.activeMilestone },
    });

    // Offboard: the employer ends the contract and a human confirms; the platform removes access.
    const end = await world.pub('POST', `/contracts/${contract.id}/end`);
    expect(end.status).toBe(202);
    await world.press(end.body.approval.id);
    await world.sandbox.control.flushWebhooks();
    const ended = receiver.received[3];
    if (!ended) throw new Error('contract.ended was not delivered');
    expect(ended.headers['x-opentrain-event']).toBe('contract.ended');
    expect(verifySignature(secret, String(ended.headers['x-opentrain-signature']), ended.rawBody).valid).toBe(true);
    expect(JSON.parse(ended.rawBody)).toMatchObject({
      type: 'contract.ended',
      resourceId: contract.id,
      data: {
        contract: { id: contract.id, status: 'ended', endDate: new Date(Date.parse(START) + HOUR).toISOString() },
        freelancer: { opentrainUserId: contract.freelancerId },
        projectLink: link,
      },
    });
    const endedList = await world.partner('GET', '/contracts?status=ended');
    expect(endedList.body.contracts.map((c: Json) => c.id)).toEqual([contract.id]);
    expect(receiver.received).toHaveLength(4);
  });
});
