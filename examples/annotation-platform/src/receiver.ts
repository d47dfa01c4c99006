// The endpoint OpenTrain posts Platform API events to: verify the raw body, answer at once, act afterwards.

import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type PartnerWebhookEvent, redact, WebhookVerificationError, webhooks } from '@opentrain-ai/sdk';

export interface PlatformReceiverOptions {
  /**
   * Read on every delivery, so the server can listen before the endpoint exists (its URL comes first, the secret
   * with the endpoint) and a rotated secret needs no restart. Until it returns a secret, deliveries get 503 and
   * are retried later.
   */
  secret: () => string | undefined;
  onEvent: (event: PartnerWebhookEvent) => Promise<void> | void;
  onError?: (error: unknown) => void;
}

export async function startPlatformReceiver(options: PlatformReceiverOptions, port = 0) {
  const onError = options.onError ?? ((error) => console.error(`Handling an event failed: ${describe(error)}`));
  const seenDeliveries = new Set<string>();
  const running = new Set<Promise<void>>();

  const server = createServer(async (request, response) => {
    const answer = (status: number, body: object) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    try {
      if (request.method !== 'POST') return answer(405, { error: 'Only POST is accepted' });
      const secret = options.secret();
      if (!secret) return answer(503, { error: 'Not ready for deliveries yet' });

      let event: PartnerWebhookEvent;
      try {
        event = await webhooks.unwrap(await rawBody(request), request.headers, secret, { api: 'partner' });
      } catch (error) {
        if (error instanceof WebhookVerificationError)
          return answer(400, { error: 'Invalid signature', reason: error.reason });
        throw error;
      }

      const deliveryId = request.headers['x-opentrain-delivery'];
      const repeat = typeof deliveryId === 'string' && seenDeliveries.has(deliveryId);
      if (typeof deliveryId === 'string') seenDeliveries.add(deliveryId);
      answer(200, { received: true });
      if (repeat) return;

      const task = Promise.resolve()
        .then(() => options.onEvent(event))
        .catch(onError)
        .finally(() => running.delete(task));
      running.add(task);
    } catch (error) {
      onError(error);
      if (!response.headersSent) answer(500, { error: 'Internal error' });
    }
  });

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const settled = async () => {
    while (running.size > 0) await Promise.allSettled([...running]);
  };
  return {
    /** OpenTrain accepts plain http only for localhost. */
    url: `http://localhost:${(server.address() as AddressInfo).port}/opentrain/events`,
    /** Resolves once every event handler started so far has finished. */
    settled,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await settled();
    },
  };
}

async function rawBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function describe(error: unknown): string {
  return redact(error instanceof Error ? error.message : String(error));
}
