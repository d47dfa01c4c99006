// The signing and verification code behind `webhooks`; index.ts loads it on first use. It imports nothing from the
// core, so it stays one chunk of its own: failures are `Refusal`s, which index.ts rethrows as WebhookVerificationError.
import type { PartnerWebhookEvent, PublicWebhookEvent, WebhookApi, WebhookEvent } from './events.js';
import { Refusal } from './refusal.js';

export { Refusal };

import { type HeadersLike, parseSignatureHeader, signatureHeaderValue } from './signature-header.js';

export type { HeadersLike };

/** The request body exactly as received. Parsed JSON is refused: re-serialising it changes the signed bytes. */
export type RawBody = string | Uint8Array | ArrayBuffer;

export interface VerifyOptions {
  /** How far the signature's timestamp may be from now, either way, in seconds (default 300). */
  toleranceSec?: number;
  /** The current time in ms, like `Date.now` (for tests). */
  now?: () => number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function bodyBytes(rawBody: unknown): Uint8Array {
  if (typeof rawBody === 'string') return encoder.encode(rawBody);
  if (rawBody instanceof Uint8Array) return rawBody;
  if (rawBody instanceof ArrayBuffer) return new Uint8Array(rawBody);
  // Both a missing body and a parsed one usually mean a body parser ran before this route.
  throw new Refusal(
    'invalid_body',
    `rawBody must be the request body exactly as received (a string, Buffer or Uint8Array), but got ${describe(rawBody)}. ` +
      'A body parser such as express.json() probably ran first and consumed or parsed it (parsed JSON never ' +
      "matches the signature): read the raw body instead, e.g. with express.raw({ type: 'application/json' }) or " +
      '`await request.text()`.',
  );
}

function describe(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'a parsed object' : `a ${typeof value}`;
}

function checkSecret(secret: unknown): asserts secret is string {
  if (typeof secret !== 'string' || secret === '') {
    throw new Refusal(
      'invalid_secret',
      'secret must be the signing secret (whsec_…) returned when the webhook was created, as a non-empty string',
    );
  }
}

// The key is the secret string exactly as issued, `whsec_` prefix included (the docs' samples pass it as-is).
function importKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
}

/** The signed bytes: `<t>.` followed by the raw body. */
function signedPayload(timestamp: number, body: Uint8Array): Uint8Array<ArrayBuffer> {
  const prefix = encoder.encode(`${timestamp}.`);
  const payload = new Uint8Array(prefix.length + body.length);
  payload.set(prefix, 0);
  payload.set(body, prefix.length);
  return payload;
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function bytesToHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Checks an `X-OpenTrain-Signature` against the raw body. Resolves when one `v1` entry matches and the timestamp is
 * within tolerance; otherwise rejects with a `Refusal` (see its `reason`). Uses WebCrypto only, so it
 * runs on Node, Bun, Deno and workers.
 */
export async function verify(
  rawBody: RawBody,
  headersOrSignatureHeader: HeadersLike | string,
  secret: string,
  options: VerifyOptions = {},
): Promise<void> {
  const body = bodyBytes(rawBody);
  checkSecret(secret);
  const { timestamp, signatures } = parseSignatureHeader(signatureHeaderValue(headersOrSignatureHeader));

  const key = await importKey(secret);
  const payload = signedPayload(timestamp, body);
  let matched = false;
  for (const signature of signatures) {
    // subtle.verify compares in constant time, so the comparison leaks nothing about the expected signature.
    matched = await crypto.subtle.verify('HMAC', key, hexToBytes(signature), payload);
    if (matched) break;
  }
  if (!matched) {
    throw new Refusal(
      'signature_mismatch',
      'No v1 signature matches this body: check that the secret is the one this webhook was created with, and that ' +
        'the body is the raw bytes as received.',
    );
  }

  // Checked after the signature, so a timestamp complaint is only ever about a genuine delivery.
  const toleranceSec = options.toleranceSec ?? 300;
  const nowSec = Math.floor((options.now ?? Date.now)() / 1000);
  if (nowSec - timestamp > toleranceSec) {
    throw new Refusal(
      'timestamp_too_old',
      `The signature is ${nowSec - timestamp} s old, over the ${toleranceSec} s tolerance (a replayed or delayed delivery)`,
    );
  }
  if (timestamp - nowSec > toleranceSec) {
    throw new Refusal(
      'timestamp_in_future',
      `The signature is ${timestamp - nowSec} s in the future, over the ${toleranceSec} s tolerance (check this machine's clock)`,
    );
  }
}

export interface UnwrapOptions<Api extends WebhookApi = WebhookApi> extends VerifyOptions {
  /** Which API's events the endpoint receives, for the result's type: `public` (default) or `partner`. */
  api?: Api;
}

/**
 * Verifies the delivery, then parses its JSON body: a Public API event by default, a Platform API event with
 * `{ api: 'partner' }`. Switch on `event.type` to get each event's `data`.
 */
export function unwrap(
  rawBody: RawBody,
  headersOrSignatureHeader: HeadersLike | string,
  secret: string,
  options?: UnwrapOptions<'public'>,
): Promise<PublicWebhookEvent>;
export function unwrap(
  rawBody: RawBody,
  headersOrSignatureHeader: HeadersLike | string,
  secret: string,
  options: UnwrapOptions<'partner'>,
): Promise<PartnerWebhookEvent>;
export async function unwrap(
  rawBody: RawBody,
  headersOrSignatureHeader: HeadersLike | string,
  secret: string,
  options: UnwrapOptions = {},
): Promise<WebhookEvent<WebhookApi>> {
  await verify(rawBody, headersOrSignatureHeader, secret, options);
  const text = typeof rawBody === 'string' ? rawBody : decoder.decode(bodyBytes(rawBody));
  try {
    // Correctly signed, so it came from OpenTrain; its shape is the spec's event union.
    return JSON.parse(text) as WebhookEvent<WebhookApi>;
  } catch {
    throw new Refusal('invalid_json', 'The delivery is correctly signed but its body is not valid JSON');
  }
}

/**
 * Builds a valid `X-OpenTrain-Signature` value for a payload, for tests and local tools that send deliveries.
 * `timestamp` is in Unix seconds (default: now).
 */
export async function sign(payload: RawBody, secret: string, options: { timestamp?: number } = {}): Promise<string> {
  const body = bodyBytes(payload);
  checkSecret(secret);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const mac = await crypto.subtle.sign('HMAC', await importKey(secret), signedPayload(timestamp, body));
  return `t=${timestamp},v1=${bytesToHex(mac)}`;
}
