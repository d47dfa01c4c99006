// A webhook receiver on plain node:http: raw body in, signature checked, duplicates dropped, 200 out, then the
// event is handled in the background so a slow handler never makes OpenTrain time out and retry.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type PublicWebhookEvent, redact, WebhookVerificationError, webhooks } from '@opentrain-ai/sdk';
import { type DeliveryLog, MemoryDeliveryLog } from './delivery-log.js';

/** Deliveries are small JSON records of ids; anything far larger is not from OpenTrain. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface ReceiverOptions {
  /** The subscription's signing secret (`whsec_…`), exactly as `webhooks.create` returned it. */
  secret: string;
  /** Runs once per delivery, after the 200 went out. */
  onEvent: (event: PublicWebhookEvent, deliveryId: string | undefined) => void | Promise<void>;
  /** Called when `onEvent` throws; the delivery was already acknowledged, so this is where to alert. */
  onError?: (error: unknown, event: PublicWebhookEvent) => void;
  /** Remembers delivery ids; the default keeps them in memory. Use a shared store when several instances run. */
  deliveryLog?: DeliveryLog;
  /** The current time in ms, for the signature's timestamp tolerance (tests, or a receiver on another clock). */
  now?: () => number;
}

export interface Receiver {
  server: Server;
  /** Listens on the port (0 picks a free one) and resolves with the port. */
  listen(port?: number, host?: string): Promise<number>;
  /** Resolves once every event handler started so far has finished. */
  settled(): Promise<void>;
  /** Stops accepting deliveries, then waits for the handlers still running. */
  close(): Promise<void>;
}

export function createReceiver(options: ReceiverOptions): Receiver {
  const { secret, onEvent, deliveryLog = new MemoryDeliveryLog(), now } = options;
  if (typeof secret !== 'string' || !secret.startsWith('whsec_')) {
    throw new Error('createReceiver: secret must be the whsec_… signing secret returned when the webhook was created');
  }
  const onError = options.onError ?? ((error) => console.error('webhook handler failed:', describeError(error)));
  const running = new Set<Promise<void>>();

  function handleInBackground(event: PublicWebhookEvent, deliveryId: string | undefined) {
    const task = (async () => {
      try {
        await onEvent(event, deliveryId);
      } catch (error) {
        onError(error, event);
      }
    })();
    running.add(task);
    void task.finally(() => running.delete(task));
  }

  async function receive(request: IncomingMessage, response: ServerResponse) {
    if (request.method !== 'POST') return reply(response, 405, { error: 'Only POST is accepted' }, { allow: 'POST' });

    const rawBody = await readRawBody(request);
    if (rawBody === undefined) return reply(response, 413, { error: 'Body too large' });

    let event: PublicWebhookEvent;
    try {
      event = await webhooks.unwrap(rawBody, request.headers, secret, { now });
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      // The reason (signature_mismatch, timestamp_too_old, …) helps the sender; the secret is never part of it.
      return reply(response, 400, { error: 'Invalid webhook signature', reason: error.reason });
    }

    const deliveryId = headerValue(request, 'x-opentrain-delivery');
    // Retries reuse the delivery id: acknowledge them again, handle them once.
    const firstTime = deliveryId === undefined || (await deliveryLog.remember(deliveryId));
    reply(response, 200, { received: true, duplicate: !firstTime });
    if (firstTime) handleInBackground(event, deliveryId);
  }

  const server = createServer((request, response) => {
    receive(request, response).catch((error: unknown) => {
      console.error('webhook receiver error:', describeError(error));
      if (!response.headersSent) reply(response, 500, { error: 'Internal error' });
      else response.destroy();
    });
  });

  const settled = async () => {
    while (running.size > 0) await Promise.allSettled([...running]);
  };

  return {
    server,
    listen: (port = 0, host = '127.0.0.1') =>
      new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      }),
    settled,
    async close() {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      });
      await settled();
    },
  };
}

/** The body as raw bytes, or undefined when it exceeds the limit. Parsed JSON could not be verified. */
async function readRawBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function reply(response: ServerResponse, status: number, body: object, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** Error text for logs, with any token or secret masked. */
function describeError(error: unknown): string {
  return redact(error instanceof Error ? error.message : String(error));
}
