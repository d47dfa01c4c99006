import { describe, expect, it } from 'vitest';
import { WebhookVerificationError, webhooks } from '../src/index.js';

// The documentation's worked example (part 2, section 6.9).
const SECRET = 'whsec_test_secret_123';
const T = 1781258400;
const BODY =
  '{"id":"1042","type":"proposal.received","apiVersion":"v1","createdAt":"2026-06-12T10:00:00.000Z","resourceId":"prop_1","jobId":"job_1","data":{"proposalId":"prop_1","jobId":"job_1"}}';
const V1 = 'd7de56078ba09c4c2e9f6c6c147575ba37a63da1c60aca4798bd528bb7f1656a';
const HEADER = `t=${T},v1=${V1}`;
const at = (seconds: number) => () => seconds * 1000;

async function reason(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WebhookVerificationError);
  expect((error as Error).message).not.toContain('test_secret_123');
  return (error as WebhookVerificationError).reason;
}

describe('the documented vector', () => {
  it('is 182 bytes and signs to the documented v1', async () => {
    expect(new TextEncoder().encode(BODY)).toHaveLength(182);
    await expect(webhooks.sign(BODY, SECRET, { timestamp: T })).resolves.toBe(HEADER);
  });

  it('verifies, with the whsec_ prefix as part of the key', async () => {
    await expect(webhooks.verify(BODY, HEADER, SECRET, { now: at(T) })).resolves.toBeUndefined();
    expect(await reason(webhooks.verify(BODY, HEADER, 'test_secret_123', { now: at(T) }))).toBe('signature_mismatch');
  });
});

describe('verify', () => {
  it('accepts the body as a string, Buffer, Uint8Array or ArrayBuffer', async () => {
    const bytes = new TextEncoder().encode(BODY);
    for (const body of [BODY, Buffer.from(BODY), bytes, bytes.buffer.slice(0)]) {
      await expect(webhooks.verify(body, HEADER, SECRET, { now: at(T) })).resolves.toBeUndefined();
    }
  });

  it('finds the header in fetch Headers or a Node header record', async () => {
    await expect(
      webhooks.verify(BODY, new Headers({ 'X-OpenTrain-Signature': HEADER }), SECRET, { now: at(T) }),
    ).resolves.toBeUndefined();
    await expect(
      webhooks.verify(BODY, { 'x-opentrain-signature': HEADER, 'content-type': 'application/json' }, SECRET, {
        now: at(T),
      }),
    ).resolves.toBeUndefined();
  });

  it('rejects a tampered body', async () => {
    expect(await reason(webhooks.verify(BODY.replace('prop_1', 'prop_2'), HEADER, SECRET, { now: at(T) }))).toBe(
      'signature_mismatch',
    );
  });

  it('rejects the wrong secret', async () => {
    expect(await reason(webhooks.verify(BODY, HEADER, 'whsec_other', { now: at(T) }))).toBe('signature_mismatch');
  });

  it('accepts up to 300 s either way and rejects beyond', async () => {
    await expect(webhooks.verify(BODY, HEADER, SECRET, { now: at(T + 300) })).resolves.toBeUndefined();
    await expect(webhooks.verify(BODY, HEADER, SECRET, { now: at(T - 300) })).resolves.toBeUndefined();
    expect(await reason(webhooks.verify(BODY, HEADER, SECRET, { now: at(T + 301) }))).toBe('timestamp_too_old');
    expect(await reason(webhooks.verify(BODY, HEADER, SECRET, { now: at(T - 301) }))).toBe('timestamp_in_future');
  });

  it('takes a custom tolerance', async () => {
    expect(await reason(webhooks.verify(BODY, HEADER, SECRET, { now: at(T + 61), toleranceSec: 60 }))).toBe(
      'timestamp_too_old',
    );
  });

  it.each([
    ['garbage', 'nonsense'],
    ['a non-numeric timestamp', `t=soon,v1=${V1}`],
    ['no signature', `t=${T}`],
    ['no timestamp', `v1=${V1}`],
    ['a signature that is not hex', `t=${T},v1=zz${V1.slice(2)}`],
    ['a short signature', `t=${T},v1=${V1.slice(0, 40)}`],
  ])('rejects a header with %s as malformed', async (_, header) => {
    expect(await reason(webhooks.verify(BODY, header, SECRET, { now: at(T) }))).toBe('malformed_header');
  });

  it('rejects a missing header', async () => {
    expect(await reason(webhooks.verify(BODY, new Headers(), SECRET, { now: at(T) }))).toBe('missing_header');
    expect(await reason(webhooks.verify(BODY, {}, SECRET, { now: at(T) }))).toBe('missing_header');
  });

  it('accepts any of several v1 entries and skips unknown keys', async () => {
    const wrong = 'a'.repeat(64);
    const header = `t=${T}, v0=legacy, v1=${wrong}, v1=${V1}`;
    await expect(webhooks.verify(BODY, header, SECRET, { now: at(T) })).resolves.toBeUndefined();
    expect(await reason(webhooks.verify(BODY, `t=${T},v1=${wrong},v1=${'b'.repeat(64)}`, SECRET, { now: at(T) }))).toBe(
      'signature_mismatch',
    );
  });

  it('explains the parsed-body mistake', async () => {
    const parsed = JSON.parse(BODY) as unknown as string;
    const error = await webhooks.verify(parsed, HEADER, SECRET, { now: at(T) }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'WebhookVerificationError', reason: 'invalid_body' });
    expect((error as Error).message).toMatch(/parsed object/);
    expect((error as Error).message).toMatch(/express\.raw/);
  });

  it('explains a missing body as one a body parser consumed', async () => {
    const missing = undefined as unknown as string;
    const error = await webhooks.verify(missing, HEADER, SECRET, { now: at(T) }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'WebhookVerificationError', reason: 'invalid_body' });
    expect((error as Error).message).toMatch(/but got nothing\. A body parser .* consumed or parsed it/);
  });

  it('refuses an empty secret', async () => {
    expect(await reason(webhooks.verify(BODY, HEADER, '', { now: at(T) }))).toBe('invalid_secret');
  });
});

describe('unwrap and sign', () => {
  it('verifies and parses in one call', async () => {
    const event = await webhooks.unwrap(Buffer.from(BODY), HEADER, SECRET, { now: at(T) });
    expect(event).toMatchObject({ id: '1042', type: 'proposal.received' });
  });

  it('parses nothing that fails verification', async () => {
    expect(await reason(webhooks.unwrap(`${BODY} `, HEADER, SECRET, { now: at(T) }))).toBe('signature_mismatch');
  });

  it('signs with the current time by default, and the result verifies', async () => {
    const header = await webhooks.sign(BODY, SECRET);
    await expect(webhooks.verify(BODY, header, SECRET)).resolves.toBeUndefined();
    await expect(webhooks.unwrap(BODY, { 'X-OpenTrain-Signature': header }, SECRET)).resolves.toMatchObject({
      id: '1042',
    });
  });
});
