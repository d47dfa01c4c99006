import { describe, expect, it } from 'vitest';
import { AUTO_DISABLE_AFTER } from '../src/state/partner-webhooks.js';
import { captureDeliveries, type PartnerWorld, partnerWorld, START, verifySignature } from './partner-support.js';

const URL_A = 'https://platform.example/hooks';
const SECRET_NOTICE =
  'Store the secret now — it is only returned once. Use it to verify the X-OpenTrain-Signature header on deliveries.';

async function subscribe(world: PartnerWorld, eventTypes: string[] = ['project_link.created'], url = URL_A) {
  const created = await world.partner('POST', '/webhook-endpoints', { body: { url, eventTypes } });
  if (created.status !== 201) throw new Error(`creating the endpoint answered ${created.status}`);
  return created.body as { webhookEndpoint: { id: string }; secret: string };
}

/** Emits one `project_link.created` per call. */
let projectNumber = 0;
const linkProject = (world: PartnerWorld) =>
  world.partner('POST', '/project-links', { body: { externalProjectId: `p${++projectNumber}` } });

const partnerDeliveries = (world: PartnerWorld) =>
  world.sandbox.control.webhookDeliveries().filter((delivery) => delivery.api === 'partner');

describe('webhook endpoints', () => {
  it('creates an endpoint with its secret shown once, then lists and reads it without the secret', async () => {
    const world = await partnerWorld();
    const first = await subscribe(world, ['contract.started', 'contract.started', 'contract.ended']);
    expect(first).toEqual({
      webhookEndpoint: {
        id: expect.stringMatching(/^wep_/),
        url: URL_A,
        eventTypes: ['contract.started', 'contract.ended'],
        status: 'ACTIVE',
        createdAt: START,
        consecutiveFailures: 0,
        disabledAt: null,
        disabledReason: null,
      },
      secret: expect.stringMatching(/^whsec_/),
      message: SECRET_NOTICE,
    });
    const second = await subscribe(world, ['install.revoked'], 'http://localhost:4000/hooks');

    const list = await world.partner('GET', '/webhook-endpoints');
    expect(list.body).toEqual({ webhookEndpoints: [second.webhookEndpoint, first.webhookEndpoint] });
    const one = await world.partner('GET', `/webhook-endpoints/${first.webhookEndpoint.id}`);
    expect(one.body).toEqual({ webhookEndpoint: first.webhookEndpoint });
    expect(JSON.stringify([list.body, one.body])).not.toContain(first.secret);
  });

  it('refuses a non-https URL (except http on localhost) and unknown event types with 400', async () => {
    const world = await partnerWorld();
    for (const url of ['http://platform.example/hooks', 'ftp://platform.example/hooks', 'not a url']) {
      const refused = await world.partner('POST', '/webhook-endpoints', {
        body: { url, eventTypes: ['contract.started'] },
      });
      expect([refused.status, refused.body.details.field], url).toEqual([400, 'url']);
    }
    for (const eventTypes of [[], ['proposal.received']]) {
      const refused = await world.partner('POST', '/webhook-endpoints', { body: { url: URL_A, eventTypes } });
      expect(refused.status).toBe(400);
    }
    const { webhookEndpoint } = await subscribe(world);
    const badPatch = await world.partner('PATCH', `/webhook-endpoints/${webhookEndpoint.id}`, {
      body: { url: 'http://platform.example/other' },
    });
    expect([badPatch.status, badPatch.body.details.field]).toEqual([400, 'url']);
    const badStatus = await world.partner('PATCH', `/webhook-endpoints/${webhookEndpoint.id}`, {
      body: { status: 'PAUSED' },
    });
    expect([badStatus.status, badStatus.body.details.field]).toEqual([400, 'status']);
  });

  it("answers 404 for an unknown endpoint or another install's endpoint", async () => {
    const world = await partnerWorld();
    const { webhookEndpoint } = await subscribe(world);
    const other = await world.sandbox.control.connectPartnerApp({
      accountId: world.accountId,
      app: { slug: 'tagtool', name: 'TagTool' },
    });
    for (const [method, body] of [['GET'], ['PATCH', {}], ['DELETE'], ['POST', {}]] as const) {
      const path = `/webhook-endpoints/${webhookEndpoint.id}${method === 'POST' ? '/redeliver' : ''}`;
      const refused = await world.partner(method, path, { token: other.token, body });
      expect([refused.status, refused.body.details], `${method} ${path}`).toEqual([
        404,
        { resource: 'webhook-endpoints', endpointId: webhookEndpoint.id },
      ]);
    }
  });

  it('updates the URL and event types without touching the secret', async () => {
    const captured = captureDeliveries();
    const world = await partnerWorld({ webhookFetch: captured.fetch });
    const { webhookEndpoint, secret } = await subscribe(world, ['contract.started']);
    const updated = await world.partner('PATCH', `/webhook-endpoints/${webhookEndpoint.id}`, {
      body: { url: 'https://platform.example/v2', eventTypes: ['project_link.created'] },
    });
    expect(updated.body.webhookEndpoint).toMatchObject({
      url: 'https://platform.example/v2',
      eventTypes: ['project_link.created'],
    });

    await linkProject(world);
    await world.sandbox.control.flushWebhooks();
    const [delivery] = captured.received;
    expect(delivery?.url).toBe('https://platform.example/v2');
    expect(verifySignature(secret, delivery?.signature ?? '', delivery?.raw ?? '').valid).toBe(true);
  });

  it('deletes an endpoint with its final snapshot and discards its deliveries', async () => {
    const world = await partnerWorld({ webhookFetch: captureDeliveries(() => 500).fetch, webhookRetryScale: 1 });
    const { webhookEndpoint } = await subscribe(world);
    await linkProject(world);
    await world.sandbox.control.flushWebhooks();
    expect(partnerDeliveries(world)).toHaveLength(1);

    const deleted = await world.partner('DELETE', `/webhook-endpoints/${webhookEndpoint.id}`);
    expect(deleted.body).toEqual({ webhookEndpoint: { ...webhookEndpoint }, deleted: true });
    expect(partnerDeliveries(world)).toEqual([]);
    expect((await world.partner('GET', `/webhook-endpoints/${webhookEndpoint.id}`)).status).toBe(404);
  });
});

describe('delivery health: retries, pause, auto-disable, re-enable and redeliver', () => {
  it('retries a failed delivery 1 minute later on sandbox time, without counting it as failed yet', async () => {
    const captured = captureDeliveries((n) => (n === 1 ? 503 : 200));
    const world = await partnerWorld({ webhookFetch: captured.fetch });
    const { webhookEndpoint } = await subscribe(world);
    await linkProject(world);
    await world.sandbox.control.flushWebhooks();

    const [pending] = partnerDeliveries(world);
    expect(pending).toMatchObject({
      status: 'pending',
      attempts: [{ at: START, status: 503, error: 'The receiver answered HTTP 503.' }],
      nextAttemptAt: new Date(Date.parse(START) + 60_000).toISOString(),
    });
    expect((await world.partner('GET', `/webhook-endpoints/${webhookEndpoint.id}`)).body.webhookEndpoint).toMatchObject(
      {
        consecutiveFailures: 0,
      },
    );

    await world.sandbox.control.advanceClock(60_000);
    await world.sandbox.control.flushWebhooks();
    expect(partnerDeliveries(world)[0]?.status).toBe('succeeded');
    expect(captured.received.map((delivery) => delivery.deliveryId)).toEqual([pending?.id, pending?.id]);
  });

  it('requeues FAILED deliveries with redeliver, or one delivery by id whatever its status', async () => {
    let answer = 500;
    const captured = captureDeliveries(() => answer);
    const world = await partnerWorld({ webhookFetch: captured.fetch, webhookRetryScale: 0 });
    const { webhookEndpoint } = await subscribe(world);
    const path = `/webhook-endpoints/${webhookEndpoint.id}`;
    await linkProject(world);
    await world.sandbox.control.flushWebhooks();

    const [failed] = partnerDeliveries(world);
    expect(failed?.status).toBe('failed');
    expect(failed?.attempts).toHaveLength(5);
    expect((await world.partner('GET', path)).body.webhookEndpoint.consecutiveFailures).toBe(1);

    answer = 200;
    const requeued = await world.partner('POST', `${path}/redeliver`, { body: {} });
    expect(requeued.body).toEqual({
      webhookEndpoint: expect.objectContaining({ id: webhookEndpoint.id, status: 'ACTIVE' }),
      requeued: 1,
      message: 'Requeued deliveries will be attempted on the next delivery run (within ~5 minutes).',
    });
    await world.sandbox.control.flushWebhooks();
    expect(partnerDeliveries(world)[0]).toMatchObject({ id: failed?.id, status: 'succeeded' });
    expect(partnerDeliveries(world)[0]?.attempts).toHaveLength(6);
    expect((await world.partner('GET', path)).body.webhookEndpoint.consecutiveFailures).toBe(0);

    expect((await world.partner('POST', `${path}/redeliver`, { body: {} })).body.requeued).toBe(0);
    const again = await world.partner('POST', `${path}/redeliver`, { body: { deliveryId: failed?.id } });
    expect(again.body.requeued).toBe(1);
    await world.sandbox.control.flushWebhooks();
    expect(captured.received.slice(-2).map((delivery) => delivery.deliveryId)).toEqual([failed?.id, failed?.id]);

    const unknown = await world.partner('POST', `${path}/redeliver`, { body: { deliveryId: 'dlv_missing' } });
    expect([unknown.status, unknown.body.details]).toEqual([
      404,
      { resource: 'deliveries', deliveryId: 'dlv_missing' },
    ]);
  });

  it(`disables an endpoint after ${AUTO_DISABLE_AFTER} failed deliveries in a row; re-enabling and redelivering recovers`, async () => {
    let answer = 500;
    const captured = captureDeliveries(() => answer);
    const world = await partnerWorld({ webhookFetch: captured.fetch, webhookRetryScale: 0 });
    const { webhookEndpoint } = await subscribe(world);
    const path = `/webhook-endpoints/${webhookEndpoint.id}`;
    for (let n = 0; n < AUTO_DISABLE_AFTER; n++) await linkProject(world);
    await world.sandbox.control.flushWebhooks();

    const disabled = (await world.partner('GET', path)).body.webhookEndpoint;
    expect(disabled).toMatchObject({
      status: 'DISABLED',
      consecutiveFailures: AUTO_DISABLE_AFTER,
      disabledAt: START,
      disabledReason: `Disabled after ${AUTO_DISABLE_AFTER} consecutive failed deliveries`,
    });
    expect(captured.received).toHaveLength(AUTO_DISABLE_AFTER * 5);

    // Nothing new is queued while disabled, and a redeliver waits for the endpoint to be re-enabled.
    await linkProject(world);
    expect(partnerDeliveries(world)).toHaveLength(AUTO_DISABLE_AFTER);
    answer = 200;
    expect((await world.partner('POST', `${path}/redeliver`, { body: {} })).body.requeued).toBe(AUTO_DISABLE_AFTER);
    await world.sandbox.control.flushWebhooks();
    expect(captured.received).toHaveLength(AUTO_DISABLE_AFTER * 5);

    const enabled = await world.partner('PATCH', path, { body: { status: 'ACTIVE' } });
    expect(enabled.body.webhookEndpoint).toMatchObject({
      status: 'ACTIVE',
      consecutiveFailures: 0,
      disabledAt: null,
      disabledReason: null,
    });
    await world.sandbox.control.flushWebhooks();
    expect(partnerDeliveries(world).map((delivery) => delivery.status)).toEqual(
      Array.from({ length: AUTO_DISABLE_AFTER }, () => 'succeeded'),
    );
    expect(captured.received).toHaveLength(AUTO_DISABLE_AFTER * 6);
  });

  it('pauses an endpoint with status DISABLED and resumes it with ACTIVE', async () => {
    const captured = captureDeliveries();
    const world = await partnerWorld({ webhookFetch: captured.fetch });
    const { webhookEndpoint } = await subscribe(world);
    const path = `/webhook-endpoints/${webhookEndpoint.id}`;

    const paused = await world.partner('PATCH', path, { body: { status: 'DISABLED' } });
    expect(paused.body.webhookEndpoint).toMatchObject({
      status: 'DISABLED',
      disabledAt: START,
      disabledReason: 'Paused through the Platform API',
    });
    await linkProject(world);
    await world.sandbox.control.flushWebhooks();
    expect(captured.received).toEqual([]);

    await world.partner('PATCH', path, { body: { status: 'ACTIVE' } });
    await linkProject(world);
    await world.sandbox.control.flushWebhooks();
    expect(captured.received.map((delivery) => [delivery.event, delivery.userAgent])).toEqual([
      ['project_link.created', 'OpenTrain-Partner-Webhooks/1.0'],
    ]);
  });
});
