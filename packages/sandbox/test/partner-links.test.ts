import { describe, expect, it } from 'vitest';
import { createAccount } from '../src/state/accounts.js';
import { createOpenJob } from '../src/state/jobs.js';
import { PROJECT_LINK_CAP } from '../src/state/partner-links.js';
import { captureDeliveries, type Json, openContract, partnerEventsOf, partnerWorld, START } from './partner-support.js';

describe('POST /project-links', () => {
  it('links a project to a job with the documented defaults and announces project_link.created', async () => {
    const captured = captureDeliveries();
    const world = await partnerWorld({ webhookFetch: captured.fetch });
    await world.partner('POST', '/webhook-endpoints', {
      body: { url: 'https://platform.example/hooks', eventTypes: ['project_link.created'] },
    });

    const created = await world.partner('POST', '/project-links', {
      body: { externalProjectId: '7', jobId: world.jobId },
    });
    expect(created.status).toBe(201);
    expect(created.body.projectLink).toEqual({
      id: expect.stringMatching(/^plk_/),
      jobId: world.jobId,
      externalProjectId: '7',
      externalProjectName: null,
      externalProjectUrl: null,
      provisioningMode: 'PARTNER_WEBHOOK',
      createdAt: START,
    });

    await world.sandbox.control.flushWebhooks();
    expect(captured.received.map((delivery) => delivery.body)).toEqual([
      {
        id: expect.any(String),
        type: 'project_link.created',
        apiVersion: 'v1',
        createdAt: START,
        resourceId: created.body.projectLink.id,
        jobId: world.jobId,
        data: { projectLink: created.body.projectLink },
      },
    ]);
  });

  it('accepts a link without a job and the managed adapter mode', async () => {
    const world = await partnerWorld();
    const created = await world.partner('POST', '/project-links', {
      body: { externalProjectId: 'draft', provisioningMode: 'MANAGED_ADAPTER' },
    });
    expect(created.body.projectLink).toMatchObject({ jobId: null, provisioningMode: 'MANAGED_ADAPTER' });
  });

  it('answers 404 for a job the installing employer does not own', async () => {
    const world = await partnerWorld();
    const otherJob = await world.sandbox.control.mutate((state, now) => {
      const { account } = createAccount(state, { claimed: true, organizationName: 'Other Labs' }, now);
      const description =
        'Spanish Sentiment Labeling\nWe need 5 fluent Spanish speakers to label the sentiment of 20,000 social media posts. Intermediate level. Pay is $0.05 per label.';
      return createOpenJob(state, account, description, now).id;
    });

    for (const jobId of [otherJob, 'job_missing']) {
      const refused = await world.partner('POST', '/project-links', { body: { externalProjectId: jobId, jobId } });
      expect([refused.status, refused.body.details]).toEqual([404, { resource: 'jobs', jobId }]);
    }
    expect(Object.keys(world.sandbox.state.projectLinks)).toEqual([]);
  });

  it('refuses a duplicate externalProjectId with 409 and invalid bodies with 400 naming the field', async () => {
    const world = await partnerWorld();
    await world.partner('POST', '/project-links', { body: { externalProjectId: '42' } });
    const duplicate = await world.partner('POST', '/project-links', { body: { externalProjectId: '42' } });
    expect([duplicate.status, duplicate.body.details]).toEqual([
      409,
      { reason: 'duplicate_external_project_id', field: 'externalProjectId' },
    ]);

    const missing = await world.partner('POST', '/project-links', { body: { externalProjectName: 'x' } });
    expect([missing.status, missing.body.details.field]).toEqual([400, 'externalProjectId']);
    const tooLong = await world.partner('POST', '/project-links', { body: { externalProjectId: 'x'.repeat(201) } });
    expect([tooLong.status, tooLong.body.details.field]).toEqual([400, 'externalProjectId']);
    const badMode = await world.partner('POST', '/project-links', {
      body: { externalProjectId: '43', provisioningMode: 'MANUAL' },
    });
    expect([badMode.status, badMode.body.details.field]).toEqual([400, 'provisioningMode']);
  });

  it(`stops at ${PROJECT_LINK_CAP} links per install with 409 link_limit_reached`, async () => {
    const world = await partnerWorld();
    for (let n = 0; n < PROJECT_LINK_CAP; n++) {
      expect((await world.partner('POST', '/project-links', { body: { externalProjectId: `p${n}` } })).status).toBe(
        201,
      );
    }
    const refused = await world.partner('POST', '/project-links', { body: { externalProjectId: 'one-more' } });
    expect([refused.status, refused.body.details]).toEqual([
      409,
      { reason: 'link_limit_reached', limit: PROJECT_LINK_CAP },
    ]);
  });
});

describe('reading and deleting project links', () => {
  it('lists newest first, reads one, and deletes it for good with project_link.removed', async () => {
    const world = await partnerWorld();
    const first = (await world.partner('POST', '/project-links', { body: { externalProjectId: 'a' } })).body
      .projectLink;
    const second = (
      await world.partner('POST', '/project-links', { body: { externalProjectId: 'b', jobId: world.jobId } })
    ).body.projectLink;

    expect((await world.partner('GET', '/project-links')).body).toEqual({ projectLinks: [second, first] });
    expect((await world.partner('GET', `/project-links/${first.id}`)).body).toEqual({ projectLink: first });

    const deleted = await world.partner('DELETE', `/project-links/${second.id}`);
    expect(deleted.body).toEqual({ projectLink: second, deleted: true });
    expect((await world.partner('GET', `/project-links/${second.id}`)).status).toBe(404);
    expect((await world.partner('DELETE', `/project-links/${second.id}`)).body.details).toEqual({
      resource: 'project-links',
      linkId: second.id,
    });
    const removed = partnerEventsOf(world.sandbox, 'project_link.removed');
    expect(removed.map((event) => [event.resourceId, event.jobId, event.data])).toEqual([
      [second.id, world.jobId, { projectLink: second }],
    ]);
  });

  it("never shows another install's links", async () => {
    const world = await partnerWorld();
    const link = (await world.partner('POST', '/project-links', { body: { externalProjectId: 'a' } })).body.projectLink;
    const other = await world.sandbox.control.connectPartnerApp({
      accountId: world.accountId,
      app: { slug: 'tagtool', name: 'TagTool' },
    });
    expect((await world.partner('GET', '/project-links', { token: other.token })).body).toEqual({ projectLinks: [] });
    expect((await world.partner('GET', `/project-links/${link.id}`, { token: other.token })).status).toBe(404);
    expect((await world.partner('DELETE', `/project-links/${link.id}`, { token: other.token })).status).toBe(404);
  });
});

describe('contract events per link', () => {
  it('sends one contract.started per link to the job, and none to a link without a job', async () => {
    const captured = captureDeliveries();
    const world = await partnerWorld({ webhookFetch: captured.fetch });
    await world.partner('POST', '/webhook-endpoints', {
      body: { url: 'https://platform.example/hooks', eventTypes: ['contract.started'] },
    });
    const one = (
      await world.partner('POST', '/project-links', { body: { externalProjectId: '1', jobId: world.jobId } })
    ).body.projectLink;
    const two = (
      await world.partner('POST', '/project-links', { body: { externalProjectId: '2', jobId: world.jobId } })
    ).body.projectLink;
    await world.partner('POST', '/project-links', { body: { externalProjectId: 'no-job' } });

    const contract = await openContract(world);
    await world.sandbox.control.flushWebhooks();
    const bodies: Json[] = captured.received.map((delivery) => delivery.body);
    expect(bodies.map((body) => body.data.projectLink.id)).toEqual([one.id, two.id]);
    for (const body of bodies) {
      expect(body).toMatchObject({ resourceId: contract.id, data: { contract: { projectLinkIds: [two.id, one.id] } } });
    }
  });

  it('does not replay contracts that began before the link, though GET /contracts lists them', async () => {
    const world = await partnerWorld();
    const contract = await openContract(world);
    const link = (
      await world.partner('POST', '/project-links', { body: { externalProjectId: '1', jobId: world.jobId } })
    ).body.projectLink;
    await world.sandbox.control.mutate(() => undefined);
    expect(partnerEventsOf(world.sandbox, 'contract.started')).toEqual([]);
    const listed = await world.partner('GET', '/contracts');
    expect(listed.body.contracts).toEqual([
      expect.objectContaining({ id: contract.id, status: 'active', projectLinkIds: [link.id] }),
    ]);

    // Re-pointing is delete + create: removed, then created, still without replaying the contract.
    await world.partner('DELETE', `/project-links/${link.id}`);
    await world.partner('POST', '/project-links', { body: { externalProjectId: '1', jobId: world.jobId } });
    expect(world.sandbox.state.partnerEvents.map((event) => event.type)).toEqual([
      'project_link.created',
      'project_link.removed',
      'project_link.created',
    ]);
  });
});
