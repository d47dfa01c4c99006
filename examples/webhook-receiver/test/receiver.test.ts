import { createServer } from 'node:net';
import { type RunningSandbox, startSandbox } from '@opentrain-ai/sandbox';
import { OpenTrain, type PublicWebhookEvent, webhooks } from '@opentrain-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEvent } from '../src/handle-event.js';
import { createReceiver, type Receiver } from '../src/receiver.js';

// The receiver against a sandbox on loopback: a real subscription, real signed deliveries.
describe('the webhook receiver', () => {
  let running: RunningSandbox;
  let receiver: Receiver;
  let receiverUrl: string;
  let ot: OpenTrain;
  let secret: string;
  let jobId: string;
  const handled: Array<{ event: PublicWebhookEvent; deliveryId: string | undefined; line: string }> = [];

  beforeAll(async () => {
    running = await startSandbox({ port: 0 });
    const seeded = (await running.sandbox.control.seed('open-job')) as { token: string; jobId: string };
    jobId = seeded.jobId;
    ot = new OpenTrain({ baseUrl: running.url, apiKey: seeded.token });

    // The secret comes with the subscription, and the subscription needs the receiver's URL: pick the port first.
    const port = await freePort();
    receiverUrl = `http://localhost:${port}/opentrain`;
    const subscription = await ot.webhooks.create({
      url: receiverUrl,
      eventTypes: ['proposal.received', 'proposal.status_changed'],
    });
    secret = subscription.secret;
    receiver = createReceiver({
      secret,
      onEvent: (event, deliveryId) => {
        handled.push({ event, deliveryId, line: describeEvent(event) });
      },
    });
    await receiver.listen(port);
  });
  afterAll(async () => {
    await receiver?.close();
    await running?.close();
  });

  it('verifies and dispatches the typed events the sandbox delivers', async () => {
    const first = await running.sandbox.control.applyTrainer({ jobId });
    const second = await running.sandbox.control.applyTrainer({ jobId });
    await running.sandbox.control.setProposalStatus(first.proposalId, 'SHORTLISTED');
    await running.sandbox.control.flushWebhooks();
    await receiver.settled();
    // Some deliveries may have gone out on their own before the flush; the sandbox's log has them all.
    const deliveries = running.sandbox.control.webhookDeliveries();

    expect(deliveries.map((delivery) => delivery.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(handled.map(({ event }) => event.type).sort()).toEqual([
      'proposal.received',
      'proposal.received',
      'proposal.status_changed',
    ]);
    const proposalIds = handled.flatMap(({ event }) =>
      event.type === 'proposal.received' ? [event.data.proposalId] : [],
    );
    expect(proposalIds.sort()).toEqual([first.proposalId, second.proposalId].sort());
    expect(handled.map(({ line }) => line)).toContain(`Proposal ${first.proposalId} is now SHORTLISTED`);
    // Every handled delivery carried its id, and each id was handled once.
    const ids = handled.map(({ deliveryId }) => deliveryId);
    expect(new Set(ids).size).toBe(3);
    expect(ids.sort()).toEqual(deliveries.map((delivery) => delivery.id).sort());
  });

  it('acknowledges a replayed delivery id again but handles it only once', async () => {
    const [delivered] = handled;
    if (!delivered?.deliveryId) throw new Error('the first test delivered nothing');
    const before = handled.length;

    // The same event under the same delivery id, freshly signed: what a retry after a lost 200 looks like.
    const body = JSON.stringify(delivered.event);
    const replay = await post(body, await webhooks.sign(body, secret), delivered.deliveryId);
    await receiver.settled();

    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ received: true, duplicate: true });
    expect(handled).toHaveLength(before);

    // A new delivery id is a new delivery.
    const fresh = await post(body, await webhooks.sign(body, secret), 'dlv_fresh');
    await receiver.settled();
    expect(fresh.status).toBe(200);
    expect(handled).toHaveLength(before + 1);
    expect(handled.at(-1)?.deliveryId).toBe('dlv_fresh');
  });

  it('answers 400 to a tampered body without handling it or revealing the secret', async () => {
    const [delivered] = handled;
    if (!delivered) throw new Error('the first test delivered nothing');
    const before = handled.length;
    const body = JSON.stringify(delivered.event);
    const signature = await webhooks.sign(body, secret);

    const tampered = await post(body.replace(delivered.event.resourceId, 'prop_forged'), signature, 'dlv_tampered');
    const text = await tampered.text();
    await receiver.settled();

    expect(tampered.status).toBe(400);
    expect(JSON.parse(text)).toEqual({ error: 'Invalid webhook signature', reason: 'signature_mismatch' });
    expect(text).not.toContain(secret);
    expect(text).not.toContain('whsec_');
    expect(handled).toHaveLength(before);

    const unsigned = await fetch(receiverUrl, { method: 'POST', body });
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toMatchObject({ reason: 'missing_header' });
  });

  it('refuses other methods', async () => {
    const response = await fetch(receiverUrl);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  function post(body: string, signature: string, deliveryId: string) {
    return fetch(receiverUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-opentrain-signature': signature,
        'x-opentrain-delivery': deliveryId,
      },
      body,
    });
  }
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
