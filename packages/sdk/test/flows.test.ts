import { HttpResponse, http } from 'msw';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type Approval,
  type ApprovalAccepted,
  isPendingApproval,
  OpenTrain,
  OpenTrainPartner,
  type SuccessOf,
  WaitTimeoutError,
} from '../src/index.js';
import { BASE_URL, fakeClock, TOKEN, useMockServer } from './helpers.js';

const server = useMockServer();
const PUBLIC = `${BASE_URL}/api/public/v1`;

function client() {
  const clock = fakeClock();
  const api = new OpenTrain({ apiKey: TOKEN, baseUrl: BASE_URL, sleep: clock.sleep, now: clock.now, logLevel: 'off' });
  return { api, clock };
}

function job(id: string) {
  return {
    id,
    title: `Job ${id}`,
    status: 'OPEN',
    published: true,
    acceptingApplicants: true,
    createdAt: '2026-06-12T10:00:00.000Z',
    updatedAt: '2026-06-12T10:00:00.000Z',
    jobUrl: `https://app.opentrain.ai/jobs/${id}`,
    proposalCounts: { total: 0 },
  };
}

function approval(status: Approval['status'], result: Approval['result'] = null): Approval {
  return {
    id: 'apr_1',
    type: 'proposal_hire',
    status,
    contractId: null,
    milestoneId: null,
    jobId: 'job_1',
    proposalId: 'prop_1',
    approvalUrl: 'https://app.opentrain.ai/approvals/apr_1',
    expiresAt: '2026-06-15T10:00:00.000Z',
    resolvedAt: null,
    result,
    createdAt: '2026-06-12T10:00:00.000Z',
  };
}

describe('jobs.listMine', () => {
  /** Three pages (j1-j2, j3-j4, j5), recording the query of every request. */
  function threePages() {
    const queries: Record<string, string>[] = [];
    const pages: Record<string, { jobs: ReturnType<typeof job>[]; nextCursor: string | null }> = {
      first: { jobs: [job('j1'), job('j2')], nextCursor: 'c2' },
      c2: { jobs: [job('j3'), job('j4')], nextCursor: 'c3' },
      c3: { jobs: [job('j5')], nextCursor: null },
    };
    server.use(
      http.get(`${PUBLIC}/jobs/mine`, ({ request }) => {
        const query = Object.fromEntries(new URL(request.url).searchParams);
        queries.push(query);
        return HttpResponse.json(pages[query.cursor ?? 'first']);
      }),
    );
    return queries;
  }

  it('walks every job across three pages, keeping the filter on each request', async () => {
    const queries = threePages();
    const { api } = client();
    const titles: string[] = [];
    for await (const item of api.jobs.listMine({ status: 'OPEN', limit: 2 })) titles.push(item.title ?? '');
    expect(titles).toEqual(['Job j1', 'Job j2', 'Job j3', 'Job j4', 'Job j5']);
    expect(queries).toEqual([
      { status: 'OPEN', limit: '2' },
      { status: 'OPEN', limit: '2', cursor: 'c2' },
      { status: 'OPEN', limit: '2', cursor: 'c3' },
    ]);
  });

  it('fetches no further page after an early break', async () => {
    const queries = threePages();
    const { api } = client();
    for await (const item of api.jobs.listMine()) {
      if (item.id === 'j2') break;
    }
    expect(queries).toHaveLength(1);
  });

  it('awaits to the first page, and collects a bounded number of items', async () => {
    threePages();
    const { api } = client();
    const page = await api.jobs.listMine();
    expect(page.nextCursor).toBe('c2');
    expect(page.jobs.map((item) => item.id)).toEqual(['j1', 'j2']);
    const some = await api.jobs.listMine().toArray({ limit: 3 });
    expect(some.map((item) => item.id)).toEqual(['j1', 'j2', 'j3']);
  });
});

describe('proposals.hire, then approvals.wait', () => {
  it('returns the pending approval at once, then waits until a human confirms it', async () => {
    const hired: unknown[] = [];
    server.use(
      http.post(`${PUBLIC}/proposals/prop_1/hire`, async ({ request }) => {
        hired.push(await request.json());
        return HttpResponse.json(
          { approval: approval('pending'), message: 'A human must confirm this hire.' },
          { status: 202 },
        );
      }),
      // A sequence: two pending reads, then confirmed for good.
      http.get(`${PUBLIC}/approvals/apr_1`, () => HttpResponse.json({ approval: approval('pending') }), { once: true }),
      http.get(`${PUBLIC}/approvals/apr_1`, () => HttpResponse.json({ approval: approval('pending') }), { once: true }),
      http.get(`${PUBLIC}/approvals/apr_1`, () =>
        HttpResponse.json({ approval: approval('confirmed', { hired: true, contractId: 'con_1' }) }),
      ),
    );
    const { api, clock } = client();

    const hire = await api.proposals.hire('prop_1', { milestone: { name: 'Batch 1', amount: 300 } });
    expectTypeOf(hire).toEqualTypeOf<SuccessOf<'hireProposal'>>();
    expectTypeOf(hire).toEqualTypeOf<ApprovalAccepted<Approval>>();
    expect(hired).toEqual([{ milestone: { name: 'Batch 1', amount: 300 } }]);
    expect(hire.approval).toMatchObject({
      id: 'apr_1',
      status: 'pending',
      approvalUrl: 'https://app.opentrain.ai/approvals/apr_1',
      expiresAt: '2026-06-15T10:00:00.000Z',
    });

    const seen: string[] = [];
    const done = await api.approvals.wait(hire.approval.id, {
      intervalMs: 15_000,
      timeoutMs: 60_000,
      onStatus: (read) => seen.push(read.status),
    });
    expect(done.status).toBe('confirmed');
    expect(done.result).toEqual({ hired: true, contractId: 'con_1' });
    expect(seen).toEqual(['pending', 'pending', 'confirmed']);
    // The wait ran on the client's clock: two 15 s pauses between three reads.
    expect(clock.sleeps).toEqual([15_000, 15_000]);
  });

  it('gives up at the deadline with the last status', async () => {
    server.use(http.get(`${PUBLIC}/approvals/apr_1`, () => HttpResponse.json({ approval: approval('pending') })));
    const { api } = client();
    const error = await api.approvals
      .wait('apr_1', { intervalMs: 10_000, timeoutMs: 20_000 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toMatchObject({ lastStatus: 'pending' });
  });
});

describe('contracts.end and isPendingApproval', () => {
  it('tells the ended contract (200) from a pending approval (202)', async () => {
    server.use(
      http.post(`${PUBLIC}/contracts/con_plain/end`, () =>
        HttpResponse.json({ ok: true, contractId: 'con_plain', status: 'ended' }),
      ),
      http.post(`${PUBLIC}/contracts/con_funded/end`, () =>
        HttpResponse.json(
          { approval: { ...approval('pending'), type: 'contract_end' }, message: 'A human must confirm.' },
          { status: 202 },
        ),
      ),
    );
    const { api } = client();

    const plain = await api.contracts.end('con_plain');
    expect(isPendingApproval(plain)).toBe(false);
    if (!isPendingApproval(plain)) {
      expectTypeOf(plain).toEqualTypeOf<{ ok: boolean; contractId: string; status: 'ended' }>();
      expect(plain.status).toBe('ended');
    }

    const funded = await api.contracts.end('con_funded');
    expect(isPendingApproval(funded)).toBe(true);
    if (isPendingApproval(funded)) {
      expectTypeOf(funded.approval).toEqualTypeOf<Approval>();
      expect(funded.approval.type).toBe('contract_end');
    }
  });

  it('knows nothing about untyped values beyond their shape', () => {
    const value: unknown = { approval: approval('pending'), message: 'm' };
    expect(isPendingApproval(value)).toBe(true);
    if (isPendingApproval(value)) expectTypeOf(value.approval.id).toEqualTypeOf<string>();
    expect(isPendingApproval({ ok: true })).toBe(false);
    expect(isPendingApproval(null)).toBe(false);
  });
});

describe('agent onboarding through the namespace', () => {
  it('registers without a token, starts the claim and waits for it', async () => {
    const authorization: Array<string | null> = [];
    let polls = 0;
    server.use(
      http.post(`${BASE_URL}/api/agent/identity`, ({ request }) => {
        authorization.push(request.headers.get('authorization'));
        return HttpResponse.json({
          access_token: 'ot_pat_pre_claim',
          claim_token: 'ot_clm_1',
          token_type: 'bearer',
          scopes: ['jobs:read'],
        });
      }),
      http.post(`${BASE_URL}/api/agent/identity/claim`, () =>
        HttpResponse.json({
          user_code: '123456',
          verification_uri: 'https://app.opentrain.ai/claim?token=ot_cat_1',
          expires_in: 1800,
          interval: 5,
          email_sent: true,
        }),
      ),
      http.post(`${BASE_URL}/api/agent/oauth/token`, () => {
        polls++;
        return polls < 3
          ? HttpResponse.json({ error: 'authorization_pending' }, { status: 400 })
          : HttpResponse.json({ access_token: 'ot_pat_post_claim', token_type: 'bearer', scopes: ['jobs:read'] });
      }),
    );
    const clock = fakeClock();
    const anonymous = new OpenTrain({ apiKey: null, baseUrl: BASE_URL, sleep: clock.sleep, now: clock.now });

    const registration = await anonymous.agent.register({ agent_name: 'Test agent' });
    const claim = await anonymous.agent.startClaim({ claim_token: registration.claim_token, email: 'a@example.com' });
    const token = await anonymous.agent.waitForClaim({
      claimToken: registration.claim_token,
      interval: claim.interval,
    });

    expect(token.access_token).toBe('ot_pat_post_claim');
    expect(authorization).toEqual([null]);
    expect(polls).toBe(3);
    expect(clock.sleeps).toEqual([5_000, 5_000, 5_000]);
  });
});

describe('the Platform client', () => {
  it('calls its own namespaces with the partner token, validating the body first', async () => {
    const seen: Array<{ auth: string | null; body: unknown }> = [];
    server.use(
      http.post(`${BASE_URL}/api/partner/v1/project-links`, async ({ request }) => {
        const body = (await request.json()) as { externalProjectId: string; jobId: string };
        seen.push({ auth: request.headers.get('authorization'), body });
        return HttpResponse.json(
          {
            projectLink: {
              id: 'pl_1',
              jobId: body.jobId,
              externalProjectId: body.externalProjectId,
              externalProjectName: null,
              externalProjectUrl: null,
              provisioningMode: 'PARTNER_WEBHOOK',
              createdAt: '2026-06-12T10:00:00.000Z',
            },
          },
          { status: 201 },
        );
      }),
    );
    const partner = new OpenTrainPartner({ apiKey: 'ot_ptk_1', baseUrl: BASE_URL, logLevel: 'off' });
    const { projectLink } = await partner.projectLinks.create({ externalProjectId: 'p-9', jobId: 'job_1' });
    expect(projectLink).toMatchObject({ id: 'pl_1', externalProjectId: 'p-9', jobId: 'job_1' });
    expect(seen).toEqual([{ auth: 'Bearer ot_ptk_1', body: { externalProjectId: 'p-9', jobId: 'job_1' } }]);
  });
});
