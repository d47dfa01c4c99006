import { type SetupServer, setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { LogFields, Logger, OperationRow } from '../src/index.js';

export const BASE_URL = 'https://api.opentrain.test';
export const TOKEN = 'ot_pat_abc123_s3cretvalue';

/** An msw server for one test file; unhandled requests fail the test. */
export function useMockServer(): SetupServer {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    server.events.removeAllListeners();
  });
  afterAll(() => server.close());
  return server;
}

/** A clock whose sleep returns at once and moves time forward, recording every wait. */
export function fakeClock(start = Date.UTC(2026, 5, 12, 10, 0, 0)) {
  let current = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => current,
    advance: (ms: number) => {
      current += ms;
    },
    sleep: async (ms: number, signal?: AbortSignal) => {
      sleeps.push(ms);
      current += ms;
      if (signal?.aborted) throw signal.reason;
    },
  };
}

export interface LogLine {
  level: keyof Logger;
  message: string;
  fields: LogFields | undefined;
}

export function captureLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const record = (level: keyof Logger) => (message: string, fields?: LogFields) => {
    lines.push({ level, message, fields });
  };
  return {
    lines,
    logger: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') },
  };
}

/** A hand-made operation row (test data; the real ones are generated from the spec). */
export function operation(overrides: Partial<OperationRow> & Pick<OperationRow, 'path'>): OperationRow {
  return {
    operationId: 'testOperation',
    api: 'public',
    method: 'GET',
    tokenless: false,
    idempotent: true,
    idempotencyKey: null,
    pagination: null,
    body: null,
    ...overrides,
  };
}

export const getMe = operation({ operationId: 'getMe', path: '/api/public/v1/auth/me' });

export const searchJobs = operation({ operationId: 'searchJobs', path: '/api/public/v1/jobs', tokenless: true });

export const getJob = operation({ operationId: 'getJob', path: '/api/public/v1/jobs/{jobId}', tokenless: true });

export const sendMessage = operation({
  operationId: 'sendMessage',
  method: 'POST',
  path: '/api/public/v1/messages',
  idempotent: false,
  body: { contentType: 'application/json', required: true },
});

export const createJobDraft = operation({
  operationId: 'createJobDraft',
  method: 'POST',
  path: '/api/public/v1/job-drafts',
  idempotent: false,
  idempotencyKey: { in: 'body', name: 'idempotencyKey' },
  body: { contentType: 'application/json', required: true },
});

export const publishJob = operation({
  operationId: 'publishJob',
  method: 'POST',
  path: '/api/public/v1/jobs/{jobId}/publish',
  idempotent: true,
});

export const listMyJobs = operation({
  operationId: 'listMyJobs',
  path: '/api/public/v1/jobs/mine',
  pagination: { items: 'jobs', cursorParam: 'cursor', nextCursor: 'nextCursor' },
});

export const pollUpdates = operation({
  operationId: 'pollUpdates',
  path: '/api/public/v1/updates',
  pagination: { items: 'events', cursorParam: 'cursor', nextCursor: 'nextCursor', hasMore: 'hasMore' },
});

/** Every string a test produced that could leak: messages, fields, error texts. */
export function everyText(lines: LogLine[], errors: unknown[] = []): string {
  const fromLines = lines.map((line) => `${line.message} ${JSON.stringify(line.fields ?? {})}`);
  const fromErrors = errors.map((error) =>
    error instanceof Error ? `${error.message} ${error.stack ?? ''}` : String(error),
  );
  return [...fromLines, ...fromErrors].join('\n');
}
