import { existsSync } from 'node:fs';
import { OpenTrain } from '@opentrain-ai/sdk';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson, register, seed, startTestSandbox } from './support.js';

/** Debian's Chromium (CI installs it); override with CHROMIUM_PATH. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The browser tests need Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).`);
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // No GPU, no sandboxing as root, and no background calls home (this machine's network is closed).
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
});

afterAll(async () => {
  await browser?.close();
});

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

    // The API now hands the agent its post-claim token.
    const claimed = await new OpenTrain({ baseUrl: url, apiKey: null }).agent.exchangeClaim({
      grant_type: 'urn:opentrain:agent-auth:grant-type:claim',
      claim_token,
    });
    expect(claimed.scopes).toContain('proposals:write');
  });

  it('lets a person confirm a hire on the approval page, and the API reports it confirmed', async () => {
    const running = await startTestSandbox();
    const { token, jobId = '' } = await seed(running.url, 'open-job');
    const ot = new OpenTrain({ baseUrl: running.url, apiKey: token });
    await running.sandbox.control.applyTrainer({ jobId });
    const [proposal] = await ot.proposals.list(jobId).toArray({ limit: 1 });
    if (!proposal) throw new Error('no proposal to hire');
    const hire = await ot.proposals.hire(proposal.id, {
      milestone: { name: 'Batch 1', description: 'Label the first batch', amount: 500 },
    });

    const page = await browser.newPage();
    await page.goto(hire.approval.approvalUrl);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Hire an AI trainer');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('status').waitFor();
    expect(await page.getByTestId('approval-status').textContent()).toBe('confirmed');
    expect(await page.getByRole('button', { name: 'Confirm' }).count()).toBe(0);
    await page.close();

    const { approval } = await ot.approvals.get(hire.approval.id);
    expect(approval.status).toBe('confirmed');
    expect(approval.result).toMatchObject({ hired: true, jobId });
  });
});
