import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  type ApprovalLike,
  isApprovalAccepted,
  OpenTrain,
  RequestAbortedError,
  WaitTimeoutError,
  waitForApproval,
} from '../src/index.js';
import { BASE_URL, fakeClock, operation, TOKEN, useMockServer } from './helpers.js';

const server = useMockServer();

const hireProposal = operation({
  operationId: 'hireProposal',
  method: 'POST',
  path: '/api/public/v1/proposals/{proposalId}/hire',
  idempotent: true,
  approval: 'proposal_hire',
  body: { contentType: 'application/json', required: true },
});
const getApproval = operation({ operationId: 'getApproval', path: '/api/public/v1/approvals/{approvalId}' });

function approval(status: string): ApprovalLike & Record<string, unknown> {
  return {
    id: 'apr_1',
    type: 'proposal_hire',
    status,
    contractId: null,
    approvalUrl: 'https://app.opentrain.ai/approvals/apr_1',
    expiresAt: '2026-06-15T10:00:00.000Z',
  };
}

/** Serves GET /approvals/apr_1 with the given statuses in turn (the last one repeats). */
function approvalStatuses(statuses: string[]) {
  let reads = 0;
  server.use(
    http.get(`${BASE_URL}/api/public/v1/approvals/apr_1`, () => {
      const status = statuses[Math.min(reads, statuses.length - 1)] as string;
      reads++;
      return HttpResponse.json({ approval: approval(status) });
    }),
  );
  return () => reads;
}

const api = new OpenTrain({ apiKey: TOKEN, baseUrl: BASE_URL, logLevel: 'off' });
const readApproval = (id: string, { signal }: { signal?: AbortSignal }) =>
  api.request<{ approval: ApprovalLike }>(getApproval, { path: { approvalId: id } }, { signal });

describe('isApprovalAccepted', () => {
  it('recognises the 202 body of a money-moving call', async () => {
    server.use(
      http.post(`${BASE_URL}/api/public/v1/proposals/p1/hire`, () =>
        HttpResponse.json({ approval: approval('pending'), message: 'A human must confirm.' }, { status: 202 }),
      ),
    );
    const { data, response } = await api
      .request(hireProposal, { path: { proposalId: 'p1' }, body: { milestone: { name: 'Batch 1', amount: 300 } } })
      .withResponse();
    expect(response.status).toBe(202);
    expect(isApprovalAccepted(data)).toBe(true);
  });

  it.each([
    ['a contract', { contractId: 'c1', ok: true }],
    ['an approval without a message', { approval: approval('pending') }],
    ['an approval missing its id', { approval: { type: 'x', status: 'pending' }, message: 'm' }],
    ['null', null],
  ])('rejects %s', (_, body) => {
    expect(isApprovalAccepted(body)).toBe(false);
  });
});

describe('waitForApproval', () => {
  it('polls until confirmed and resolves with the final approval', async () => {
    const reads = approvalStatuses(['pending', 'pending', 'confirmed']);
    const clock = fakeClock();
    const statuses: string[] = [];
    const final = await waitForApproval(readApproval, 'apr_1', {
      intervalMs: 15_000,
      sleep: clock.sleep,
      now: clock.now,
      onStatus: (seen) => statuses.push(seen.status),
    });
    expect(final).toMatchObject({ id: 'apr_1', status: 'confirmed' });
    expect(statuses).toEqual(['pending', 'pending', 'confirmed']);
    expect(clock.sleeps).toEqual([15_000, 15_000]);
    expect(reads()).toBe(3);
  });

  it.each(['declined', 'expired'])('resolves when the approval ends %s', async (status) => {
    approvalStatuses(['pending', status]);
    const clock = fakeClock();
    const final = await waitForApproval(readApproval, 'apr_1', { sleep: clock.sleep, now: clock.now });
    expect(final.status).toBe(status);
  });

  it('rejects at the deadline after one last read', async () => {
    const reads = approvalStatuses(['pending']);
    const clock = fakeClock();
    const error = await waitForApproval(readApproval, 'apr_1', {
      intervalMs: 10_000,
      timeoutMs: 25_000,
      sleep: clock.sleep,
      now: clock.now,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toMatchObject({ lastStatus: 'pending' });
    expect((error as Error).message).toContain('https://app.opentrain.ai/approvals/apr_1');
    // Waits of 10 s, 10 s and the 5 s left; the fourth read happens exactly at the deadline.
    expect(clock.sleeps).toEqual([10_000, 10_000, 5_000]);
    expect(reads()).toBe(4);
  });

  it('accepts a reader that returns the approval itself', async () => {
    const clock = fakeClock();
    const final = await waitForApproval(async () => approval('confirmed'), 'apr_1', {
      sleep: clock.sleep,
      now: clock.now,
    });
    expect(final.status).toBe('confirmed');
  });

  it('stops when the signal aborts', async () => {
    approvalStatuses(['pending']);
    const controller = new AbortController();
    const clock = fakeClock();
    const error = await waitForApproval(readApproval, 'apr_1', {
      signal: controller.signal,
      now: clock.now,
      sleep: async (ms) => {
        clock.advance(ms);
        controller.abort();
      },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestAbortedError);
  });
});
