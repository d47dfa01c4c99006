import { describe, expect, expectTypeOf, it } from 'vitest';
import type { PartnerComponents, PublicComponents } from '../src/entries/types.js';
import { type PartnerWebhookEvent, type PublicWebhookEvent, webhooks } from '../src/index.js';

const SECRET = 'whsec_events_secret';

/** A delivery as OpenTrain sends it: the raw body and its signature header. */
async function delivery(payload: object) {
  const body = JSON.stringify(payload);
  return { body, headers: { 'X-OpenTrain-Signature': await webhooks.sign(body, SECRET) } };
}

const envelope = {
  id: '1042',
  apiVersion: 'v1',
  createdAt: '2026-06-12T10:00:00.000Z',
  resourceId: 'prop_1',
  jobId: 'job_1',
};

describe('webhooks.unwrap typing', () => {
  it('returns the Public API event union by default, narrowed by type', async () => {
    const { body, headers } = await delivery({
      ...envelope,
      type: 'proposal.received',
      data: { proposalId: 'prop_1', jobId: 'job_1' },
    });
    const event = await webhooks.unwrap(body, headers, SECRET);
    expectTypeOf(event).toEqualTypeOf<PublicWebhookEvent>();
    expectTypeOf(event).toEqualTypeOf<webhooks.WebhookEvent>();
    expectTypeOf<PublicWebhookEvent['type']>().toEqualTypeOf<PublicComponents['schemas']['UpdateEventType']>();

    expect(event.type).toBe('proposal.received');
    if (event.type === 'proposal.received') {
      expectTypeOf(event.data.proposalId).toEqualTypeOf<string>();
      expect(event.data.proposalId).toBe('prop_1');
    }
  });

  it("returns the Platform API event union with { api: 'partner' }", async () => {
    const { body, headers } = await delivery({
      ...envelope,
      type: 'install.revoked',
      resourceId: 'ins_1',
      jobId: null,
      data: { installId: 'ins_1' },
    });
    const event = await webhooks.unwrap(body, headers, SECRET, { api: 'partner' });
    expectTypeOf(event).toEqualTypeOf<PartnerWebhookEvent>();
    expectTypeOf<PartnerWebhookEvent['type']>().toEqualTypeOf<PartnerComponents['schemas']['EventType']>();

    expect(event.type).toBe('install.revoked');
    if (event.type === 'contract.started') {
      expectTypeOf(event.data.projectLink.externalProjectId).toEqualTypeOf<string>();
    }
    if (event.type === 'install.revoked') expect(event.data.installId).toBe('ins_1');
  });

  it('verifies before parsing, whichever API is named', async () => {
    const { body } = await delivery({ ...envelope, type: 'contract.started', data: {} });
    const forged = { 'X-OpenTrain-Signature': await webhooks.sign(body, 'whsec_other') };
    await expect(webhooks.unwrap(body, forged, SECRET, { api: 'partner' })).rejects.toMatchObject({
      name: 'WebhookVerificationError',
      reason: 'signature_mismatch',
    });
  });
});
