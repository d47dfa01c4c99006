import { afterEach } from 'vitest';
import { fixedClock, type RunningSandbox, type StartSandboxOptions, startSandbox } from '../src/index.js';

export const START = '2026-06-12T10:00:00.000Z';

const running: RunningSandbox[] = [];

/** A sandbox on a real loopback port with a frozen clock; closed after each test. */
export async function startTestSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox = await startSandbox({ clock: fixedClock(START), ...options });
  running.push(sandbox);
  return sandbox;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
});

// biome-ignore lint/suspicious/noExplicitAny: tests read response fields directly and assert on them.
export type Json = any;

export interface JsonResponse<T = Json> {
  status: number;
  headers: Headers;
  body: T;
}

/** Sends JSON (or nothing) and parses the JSON answer. */
export async function callJson<T = Json>(
  base: string,
  method: string,
  path: string,
  options: { body?: unknown; token?: string } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as T };
}

/** Sends an `application/x-www-form-urlencoded` body, as OAuth clients and HTML forms do. */
export async function postForm(base: string, path: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

export async function register(base: string, body: Record<string, unknown> = { agent_name: 'Claude Code' }) {
  const { status, body: registration } = await callJson(base, 'POST', '/api/agent/identity', { body });
  if (status !== 200) throw new Error(`registration failed with ${status}`);
  return registration as { access_token: string; claim_token: string; registration_id: string; scopes: string[] };
}

export async function seed(base: string, scenario: string) {
  const { status, body } = await callJson(base, 'POST', '/_sandbox/seed', { body: { scenario } });
  if (status !== 200) throw new Error(`seeding ${scenario} failed with ${status}`);
  return body as { accountId: string; token: string; claimToken?: string; jobId?: string };
}

export async function advance(base: string, seconds: number) {
  await callJson(base, 'POST', '/_sandbox/clock/advance', { body: { seconds } });
}
