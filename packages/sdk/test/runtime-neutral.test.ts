// The core entry promises to need nothing but fetch and WebCrypto. Here it is bundled the way an app bundler for
// workers or browsers would, and run in a separate V8 context that has only web-standard globals: no `process`,
// `Buffer`, `require` or `module`. Any Node-only reference in the SDK or its dependencies fails these tests.
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import * as esbuild from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Sdk from '../src/index.js';

const ENTRY = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const BASE_URL = 'https://app.opentrain.ai';
const TOKEN = 'ot_pat_test_x';
// One attempt per call, so a failure shows at once instead of after the retry backoff.
const options = { baseUrl: BASE_URL, maxRetries: 0 };

let bundle: string;

beforeAll(async () => {
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    // An IIFE keeps the dynamically imported schema chunk inside the one script, so it runs without an ESM loader.
    format: 'iife',
    globalName: 'OpenTrainSdk',
    // `neutral` applies no Node or browser shims: a Node built-in anywhere in the graph fails the build.
    platform: 'neutral',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  bundle = result.outputFiles[0]?.text ?? '';
});

/** A web runtime: the SDK bundle evaluated in a fresh context whose only globals are web standards. */
function webRuntime(fetch: typeof globalThis.fetch = unexpectedFetch) {
  const context = vm.createContext({
    fetch,
    Request,
    Response,
    Headers,
    URL,
    URLSearchParams,
    AbortController,
    AbortSignal,
    TextEncoder,
    TextDecoder,
    crypto: globalThis.crypto,
    setTimeout,
    clearTimeout,
    queueMicrotask,
    structuredClone,
    console,
  });
  vm.runInContext(bundle, context, { filename: 'opentrain-sdk.iife.js' });
  return {
    sdk: context.OpenTrainSdk as typeof Sdk,
    typeOf: (name: string) => vm.runInContext(`typeof ${name}`, context) as string,
  };
}

async function unexpectedFetch(): Promise<Response> {
  throw new Error('this test expects no request to be sent');
}

/** A fetch that answers every request with `body` and keeps the requests it saw. */
function recordingFetch(body: unknown) {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(new Request(input, init));
    return Response.json(body, { headers: { 'x-request-id': 'req_1' } });
  };
  return { requests, fetch };
}

const rejection = (promise: PromiseLike<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error as Error & { reason?: string },
  );

describe('the bundled core entry', () => {
  it('references no Node built-in', () => {
    const builtins = builtinModules.filter((name) => !name.startsWith('_')).join('|');
    expect(bundle.length).toBeGreaterThan(0);
    expect(bundle).not.toMatch(/require\(\s*["']node:/);
    expect(bundle).not.toMatch(new RegExp(`require\\(\\s*["'](${builtins})(/[^"']*)?["']`));
    // Everything, the lazily loaded schemas included, is inside the one script.
    expect(bundle).not.toMatch(/\bimport\s*\(\s*["']/);
  });

  it('runs in a context where process, Buffer, require and module do not exist', () => {
    const { sdk, typeOf } = webRuntime();
    for (const name of ['process', 'Buffer', 'require', 'module', 'global', 'setImmediate']) {
      expect(typeOf(name), name).toBe('undefined');
    }
    expect(typeof sdk.OpenTrain).toBe('function');
  });
});

describe('the SDK on web-standard globals only', () => {
  it('calls auth.me with the bearer token and returns the parsed body', async () => {
    const me = { tokenId: 'tok_1', scopes: ['jobs:read'], claimed: true };
    const { requests, fetch } = recordingFetch(me);
    const { sdk } = webRuntime();
    const api = new sdk.OpenTrain({ ...options, apiKey: TOKEN, fetch, validateRequests: false });

    const { data, requestId } = await api.auth.me().withResponse();

    expect(data).toEqual(me);
    expect(requestId).toBe('req_1');
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      `GET ${BASE_URL}/api/public/v1/auth/me`,
    ]);
    expect(requests[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it('sends no Authorization header on a tokenless call, even with a token configured', async () => {
    const { requests, fetch } = recordingFetch({ id: 'job_123', title: 'Label street scenes' });
    // No `fetch` option: the client uses the runtime's global fetch.
    const { sdk } = webRuntime(fetch);
    const api = new sdk.OpenTrain({ ...options, apiKey: TOKEN, validateRequests: false });

    await expect(api.jobs.get('job_123')).resolves.toMatchObject({ id: 'job_123' });

    expect(requests.map((request) => request.url)).toEqual([`${BASE_URL}/api/public/v1/jobs/job_123`]);
    expect(requests[0]?.headers.has('authorization')).toBe(false);
  });

  it('finds no token without process.env and refuses an authenticated call before sending it', async () => {
    const { sdk } = webRuntime();
    const api = new sdk.OpenTrain({ ...options, fetch: unexpectedFetch, validateRequests: false });

    const error = await rejection(api.auth.me());

    expect(error.name).toBe('MissingTokenError');
  });

  it('loads the zod schemas on the first request and refuses an invalid one before sending it', async () => {
    const { sdk } = webRuntime();
    const api = new sdk.OpenTrain({ ...options, apiKey: TOKEN, fetch: unexpectedFetch });

    const error = await rejection(api.jobs.listMine({ limit: 500 }));

    expect(error.name).toBe('RequestValidationError');
    expect(error.message).toMatch(/query\.limit/);
  });
});

describe('webhook signatures with the context’s WebCrypto', () => {
  // The documentation's worked example, so the signature is checked against a known value, not only against itself.
  const SECRET = 'whsec_test_secret_123';
  const T = 1781258400;
  const BODY =
    '{"id":"1042","type":"proposal.received","apiVersion":"v1","createdAt":"2026-06-12T10:00:00.000Z","resourceId":"prop_1","jobId":"job_1","data":{"proposalId":"prop_1","jobId":"job_1"}}';
  const HEADER = `t=${T},v1=d7de56078ba09c4c2e9f6c6c147575ba37a63da1c60aca4798bd528bb7f1656a`;
  const now = () => T * 1000;

  it('signs to the documented header and unwraps the signed delivery', async () => {
    const { sdk } = webRuntime();

    const header = await sdk.webhooks.sign(BODY, SECRET, { timestamp: T });
    expect(header).toBe(HEADER);

    const headers = new Headers({ 'X-OpenTrain-Signature': header });
    const event = await sdk.webhooks.unwrap(BODY, headers, SECRET, { now });
    expect(event).toMatchObject({ id: '1042', type: 'proposal.received', data: { proposalId: 'prop_1' } });
  });

  it('rejects a tampered body with WebhookVerificationError', async () => {
    const { sdk } = webRuntime();
    const header = await sdk.webhooks.sign(BODY, SECRET, { timestamp: T });

    const error = await rejection(sdk.webhooks.verify(BODY.replace('prop_1', 'prop_2'), header, SECRET, { now }));

    expect(error.name).toBe('WebhookVerificationError');
    expect(error.reason).toBe('signature_mismatch');
    expect(error.message).not.toContain('test_secret_123');
  });
});
