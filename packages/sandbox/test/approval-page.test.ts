import { describe, expect, it } from 'vitest';
import { type Approval, createApproval, type RouteFamily, type RunningSandbox } from '../src/index.js';
import { callJson, seed, startTestSandbox } from './support.js';

const declined: string[] = [];

/** Replaces the money family's executor (families passed to createSandbox override the built-in ones). */
const fundingFamily: RouteFamily = {
  name: 'funding-example',
  register() {},
  approvalExecutors: {
    milestone_fund: {
      confirm: ({ approval }) => ({ invoiceId: `inv_for_${approval.milestoneId}` }),
      decline: ({ approval }) => {
        declined.push(approval.id);
      },
    },
  },
};

async function requestFunding(running: RunningSandbox, accountId: string): Promise<Approval> {
  return running.sandbox.control.mutate((state, now) =>
    createApproval(
      state,
      {
        accountId,
        requestedByTokenId: null,
        type: 'milestone_fund',
        summary: 'Fund milestone "Batch 1" with $500.00',
        contractId: 'ctr_1',
        milestoneId: 'ms_1',
        jobId: 'job_1',
      },
      now,
    ),
  );
}

const post = (url: string) => fetch(url, { method: 'POST', redirect: 'manual' });

describe('the approval page', () => {
  it('shows a pending approval and confirms it with the Confirm button', async () => {
    const running = await startTestSandbox({ families: [fundingFamily] });
    const { url } = running;
    const { accountId } = await seed(url, 'claimed-employer');
    const approval = await requestFunding(running, accountId);

    const page = await fetch(`${url}/approvals/${approval.id}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('<h1>Fund a milestone</h1>');
    expect(html).toContain('Fund milestone &quot;Batch 1&quot; with $500.00');
    expect(html).toContain(
      `<form method="post" action="/approvals/${approval.id}/confirm"><button type="submit">Confirm</button>`,
    );
    expect(html).toContain('>Decline</button>');

    const confirm = await post(`${url}/approvals/${approval.id}/confirm`);
    expect(confirm.status).toBe(303);
    expect(confirm.headers.get('location')).toBe(`/approvals/${approval.id}`);

    const after = await (await fetch(`${url}/approvals/${approval.id}`)).text();
    expect(after).toContain('<dd data-testid="approval-status">confirmed</dd>');
    expect(after).toContain('Confirmed. The request has been carried out.');
    expect(after).not.toContain('>Confirm</button>');

    const stored = running.sandbox.state.approvals[approval.id];
    expect(stored).toMatchObject({ status: 'confirmed', result: { invoiceId: 'inv_for_ms_1' } });
    expect(running.sandbox.state.events.at(-1)).toMatchObject({
      type: 'approval.confirmed',
      resourceId: approval.id,
      data: { approvalId: approval.id, status: 'confirmed' },
    });

    const twice = await post(`${url}/approvals/${approval.id}/confirm`);
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('This approval is already confirmed.');
  });

  it('declines with the Decline button and runs the family decline hook', async () => {
    const running = await startTestSandbox({ families: [fundingFamily] });
    const { accountId } = await seed(running.url, 'claimed-employer');
    const approval = await requestFunding(running, accountId);

    expect((await post(`${running.url}/approvals/${approval.id}/decline`)).status).toBe(303);
    const page = await (await fetch(`${running.url}/approvals/${approval.id}`)).text();
    expect(page).toContain('Declined. Nothing was charged or changed.');
    expect(running.sandbox.state.approvals[approval.id]).toMatchObject({ status: 'declined', result: null });
    expect(declined).toContain(approval.id);
  });

  it('shows an approval as expired once 72 hours have passed', async () => {
    const running = await startTestSandbox({ families: [fundingFamily] });
    const { accountId } = await seed(running.url, 'claimed-employer');
    const approval = await requestFunding(running, accountId);
    await callJson(running.url, 'POST', '/_sandbox/clock/advance', { body: { seconds: 72 * 3600 } });

    const page = await (await fetch(`${running.url}/approvals/${approval.id}`)).text();
    expect(page).toContain('<dd data-testid="approval-status">expired</dd>');
    expect(page).not.toContain('>Confirm</button>');
    expect(running.sandbox.state.events.at(-1)?.data).toEqual({ approvalId: approval.id, status: 'expired' });
  });

  it('confirms through the control plane without a browser', async () => {
    const running = await startTestSandbox({ families: [fundingFamily] });
    const { accountId } = await seed(running.url, 'claimed-employer');
    const approval = await requestFunding(running, accountId);

    const confirmed = await callJson(running.url, 'POST', `/_sandbox/approvals/${approval.id}/confirm`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.approval).toMatchObject({
      id: approval.id,
      type: 'milestone_fund',
      status: 'confirmed',
      approvalUrl: `${running.url}/approvals/${approval.id}`,
      result: { invoiceId: 'inv_for_ms_1' },
      proposalId: null,
    });
    const missing = await callJson(running.url, 'POST', '/_sandbox/approvals/apr_missing/confirm');
    expect(missing.status).toBe(404);
    expect((await fetch(`${running.url}/approvals/apr_missing`)).status).toBe(404);
  });

  it('has a built-in executor for every approval type the API creates', async () => {
    const running = await startTestSandbox();
    const { accountId } = await seed(running.url, 'claimed-employer');
    for (const type of ['proposal_hire', 'milestone_fund', 'milestone_approve', 'contract_end'] as const) {
      const approval = await running.sandbox.control.mutate((state, now) =>
        createApproval(
          state,
          {
            accountId,
            requestedByTokenId: null,
            type,
            summary: type,
            contractId: null,
            milestoneId: null,
            jobId: null,
          },
          now,
        ),
      );
      // Each executor refuses this approval for its missing contract or proposal, which proves one is registered.
      const attempt = await callJson(running.url, 'POST', `/_sandbox/approvals/${approval.id}/confirm`);
      expect(attempt.status, type).not.toBe(500);
      expect(running.sandbox.state.approvals[approval.id]?.status, type).toBe('pending');
    }
  });
});
