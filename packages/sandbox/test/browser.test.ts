import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApproval, type RouteFamily } from '../src/index.js';
import { callJson, register, seed, startTestSandbox } from './support.js';

/** Debian's Chromium (CI installs it); override with CHROMIUM_PATH. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The browser tests need Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).`);
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
});

const fundingFamily: RouteFamily = {
  name: 'funding-example',
  register() {},
  approvalExecutors: { milestone_fund: { confirm: () => ({ invoiceId: 'inv_1' }) } },
};

describe('the sandbox pages in a real browser', () => {
  it('lets a person claim an agent account by typing the email and code', async () => {
    const { url } = await startTestSandbox();
    const { claim_token } = await register(url, { agent_name: 'Claude Code', organization_name: 'Acme Research' });
    const start = await callJson(url, 'POST', '/api/agent/identity/claim', {
      body: { claim_token, email: 'owner@example.com' },
    });

    const page = await browser.newPage();
    await page.goto(start.body.verification_uri);
    await page.getByLabel('Your email').fill('owner@example.com');
    await page.getByLabel('Code from your agent').fill(start.body.user_code);
    await page.getByRole('button', { name: 'Claim account' }).click();
    await page.getByRole('heading', { name: 'Account claimed' }).waitFor();
    expect(await page.getByRole('status').textContent()).toContain('You now own the account "Acme Research"');
    await page.close();
  });

  it('lets a person confirm a pending approval with the Confirm button', async () => {
    const running = await startTestSandbox({ families: [fundingFamily] });
    const { accountId } = await seed(running.url, 'claimed-employer');
    const approval = await running.sandbox.control.mutate((state, now) =>
      createApproval(
        state,
        {
          accountId,
          requestedByTokenId: null,
          type: 'milestone_fund',
          summary: 'Fund milestone "Batch 1" with $500.00',
        },
        now,
      ),
    );

    const page = await browser.newPage();
    await page.goto(`${running.url}/approvals/${approval.id}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Fund a milestone');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('status').waitFor();
    expect(await page.getByTestId('approval-status').textContent()).toBe('confirmed');
    expect(await page.getByRole('button', { name: 'Confirm' }).count()).toBe(0);
    expect(running.sandbox.state.approvals[approval.id]?.status).toBe('confirmed');
    await page.close();
  });
});
