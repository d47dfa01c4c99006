import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { createSandbox, type Sandbox, type SandboxOptions } from '../app.js';
import { ConnectionDroppedError, type Truncation, truncationOf } from '../faults.js';
import { loadStateFile, stateFileWriter } from './state-file.js';

export interface StartSandboxOptions extends Omit<SandboxOptions, 'initialState' | 'onStateChange'> {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** A loopback address only: sandbox credentials are predictable and must never be reachable from a network. */
  host?: '127.0.0.1' | '::1' | 'localhost';
  /** Load the state from this JSON file at start (if it exists) and save it after every change. */
  stateFile?: string;
}

export interface RunningSandbox {
  /** The base URL, e.g. `http://127.0.0.1:4010`. */
  url: string;
  sandbox: Sandbox;
  /** Stops listening and closes open connections; calling it again returns the same promise. */
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Serves the sandbox on a loopback port over real HTTP (the runner the CLI, the MCP server and the demo use). */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const { port = 0, host = '127.0.0.1', stateFile, ...sandboxOptions } = options;
  if (!LOOPBACK.has(host)) {
    throw new Error(`startSandbox: host must be a loopback address (127.0.0.1, ::1 or localhost), got ${host}`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`startSandbox: port must be an integer from 0 to 65535, got ${port}`);
  }
  const initialState = stateFile ? await loadStateFile(stateFile) : undefined;
  const sandbox = createSandbox({
    ...sandboxOptions,
    initialState,
    onStateChange: stateFile ? stateFileWriter(stateFile) : undefined,
  });

  const server = createAdaptorServer({
    // Leave the process's global Request/Response alone: the sandbox often shares a process with the client under
    // test, and the "already sent" marker below is only honoured for standard Response objects.
    overrideGlobalObjects: false,
    fetch: async (request: Request, env: unknown) => {
      const { incoming, outgoing } = env as { incoming: IncomingMessage; outgoing: ServerResponse };
      try {
        const response = await sandbox.fetch(request);
        const truncation = truncationOf(response);
        if (!truncation) return response;
        writeTruncated(outgoing, truncation);
        return alreadySent();
      } catch (error) {
        if (!(error instanceof ConnectionDroppedError)) throw error;
        incoming.socket.destroy();
        return alreadySent();
      }
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${address.port}`,
    sandbox,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Idle keep-alive connections would otherwise hold close() open.
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** Writes the status, headers and part of the body, then closes the socket: the client sees a short body. */
function writeTruncated(outgoing: ServerResponse, truncation: Truncation): void {
  const headers: Record<string, string> = {};
  truncation.headers.forEach((value, key) => {
    headers[key] = value;
  });
  outgoing.writeHead(truncation.status, headers);
  outgoing.write(truncation.sent, () => outgoing.socket?.destroySoon());
}

/** Tells @hono/node-server the response was already written (or the socket destroyed) by us. */
const alreadySent = () => new Response(null, { headers: { 'x-hono-already-sent': '1' } });
