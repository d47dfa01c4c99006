import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import type { Sandbox } from '../src/index.js';
import { type CallOptions, inProcessCaller } from './in-process-support.js';

export type { Json } from './support.js';

export const ORIGIN = 'https://app.opentrain.ai';

/** One call through the in-process fetch handler, with the JSON answer parsed. */
export function call(sandbox: Sandbox, method: string, path: string, options?: CallOptions) {
  return inProcessCaller(sandbox, { origin: ORIGIN })(method, path, options);
}

export async function seedEmployer(sandbox: Sandbox): Promise<{ accountId: string; token: string }> {
  return (await sandbox.control.seed('claimed-employer')) as { accountId: string; token: string };
}

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The body exactly as it arrived. */
  rawBody: string;
}

/** What the receiver does with its n-th request (1-based): answer with a status, or close the connection. */
export type ReceiverAnswer = (n: number) => number | 'drop' | Promise<number | 'drop'>;

export interface Receiver {
  /** `http://localhost:<port>/hooks`: the spec allows plain http only for localhost. */
  url: string;
  received: ReceivedRequest[];
  /** Resolves once `count` requests have arrived. */
  waitFor(count: number): Promise<void>;
}

const openServers: ReturnType<typeof createServer>[] = [];

afterEach(async () => {
  await Promise.all(
    openServers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

/** A real webhook receiver on 127.0.0.1 that records every request; closed after each test. */
export async function startReceiver(answer: ReceiverAnswer = () => 200): Promise<Receiver> {
  const received: ReceivedRequest[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      received.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        rawBody: Buffer.concat(chunks).toString('utf8'),
      });
      for (const waiter of waiting.filter((entry) => received.length >= entry.count)) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve();
      }
      const action = await answer(received.length);
      if (action === 'drop') {
        request.socket.destroy();
        return;
      }
      response.writeHead(action, { 'content-type': 'text/plain' }).end('thanks');
    });
  });
  openServers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/hooks`,
    received,
    waitFor(count) {
      if (received.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiting.push({ count, resolve }));
    },
  };
}
