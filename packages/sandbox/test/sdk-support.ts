import { type ClientOptions, type LogFields, OpenTrain, RequestAbortedError } from '@opentrain-ai/sdk';
import type { FaultInput, FaultRule, ScenarioName, StartSandboxOptions } from '../src/index.js';
import { callJson, seed, startTestSandbox } from './support.js';

/** One HTTP request the client put on the wire to the sandbox. */
export interface WireRequest {
  method: string;
  path: string;
  body: string;
}

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: LogFields | undefined;
}

/**
 * A seeded sandbox on a loopback port, plus the real SDK client pointed at it. The client's backoff waits are
 * recorded instead of slept, and every request it sends and every line it logs is kept for the test to inspect.
 */
export async function sdkWorld(scenario: ScenarioName, sandboxOptions: StartSandboxOptions = {}) {
  const running = await startTestSandbox(sandboxOptions);
  const seeded = await seed(running.url, scenario);
  const sent: WireRequest[] = [];
  const waits: number[] = [];
  const logs: LogLine[] = [];

  const record = (level: LogLine['level']) => (message: string, fields?: LogFields) => {
    logs.push({ level, message, fields });
  };

  const client = (options: ClientOptions = {}) =>
    new OpenTrain({
      baseUrl: running.url,
      apiKey: seeded.token,
      logLevel: 'info',
      logger: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') },
      sleep: async (ms, signal) => {
        waits.push(ms);
        if (signal?.aborted) throw new RequestAbortedError(undefined, { cause: signal.reason });
      },
      fetch: async (request) => {
        const body = request.body ? await request.clone().text() : '';
        sent.push({ method: request.method, path: new URL(request.url).pathname, body });
        return fetch(request);
      },
      ...options,
    });

  return {
    url: running.url,
    sandbox: running.sandbox,
    token: seeded.token,
    jobId: seeded.jobId,
    client,
    sent,
    waits,
    logs,
    /** Requests sent to one path, in order. */
    sentTo: (method: string, path: string) =>
      sent.filter((request) => request.method === method && request.path === path),
    /** Adds a fault through the HTTP control plane, as a test driving a running sandbox would. */
    async injectFault(rule: FaultInput): Promise<FaultRule> {
      const response = await callJson(running.url, 'POST', '/_sandbox/faults', { body: rule });
      if (response.status !== 201) throw new Error(`injecting a fault failed with ${response.status}`);
      return response.body.fault;
    },
    /** Fault rules not used up yet: an empty list means the sandbox received every request a fault was meant for. */
    async pendingFaults(): Promise<FaultRule[]> {
      return (await callJson(running.url, 'GET', '/_sandbox/faults')).body.faults;
    },
  };
}

/**
 * A sandbox `sleep` for delay faults that never ends by itself: the delayed request stays open until the client
 * gives up, and each hang-up the sandbox notices is counted.
 */
export function hangUntilClientGivesUp() {
  let started: () => void = () => {};
  const delayStarted = new Promise<void>((resolve) => {
    started = resolve;
  });
  const hangUps: number[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];

  const sleep = (ms: number, signal: AbortSignal) =>
    new Promise<void>((_resolve, reject) => {
      started();
      signal.addEventListener('abort', () => {
        hangUps.push(ms);
        for (const waiter of waiters.filter((candidate) => hangUps.length >= candidate.count)) waiter.resolve();
        reject(signal.reason);
      });
    });

  return {
    sleep,
    /** Resolves once the first delayed request reached the sandbox. */
    delayStarted,
    /** Resolves once the sandbox has seen `count` clients hang up on a delayed request. */
    hangUps: (count: number) =>
      new Promise<void>((resolve) => {
        if (hangUps.length >= count) resolve();
        else waiters.push({ count, resolve });
      }),
  };
}
