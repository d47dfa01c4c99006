import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson, seed, startTestSandbox } from './support.js';

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

describe('the checkout page in a real browser', () => {
  it('lets a person pay a credit top-up with the Pay button', async () => {
    const { url } = await startTestSandbox();
    const { token } = await seed(url, 'claimed-employer');
    const created = await callJson(url, 'POST', '/api/public/v1/credits/top-ups', { token, body: { amountUsd: 250 } });
    expect(created.body.checkoutUrl).toBe(`${url}/checkout/${created.body.topUpId}`);

    const page = await browser.newPage();
    await page.goto(created.body.checkoutUrl);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Buy OpenTrain credits');
    await page.getByRole('button', { name: 'Pay $250.00' }).click();
    await page.getByRole('status').waitFor();
    expect(await page.getByTestId('checkout-status').textContent()).toBe('COMPLETED');
    expect(await page.getByRole('button', { name: 'Pay $250.00' }).count()).toBe(0);
    await page.close();

    const topUp = await callJson(url, 'GET', `/api/public/v1/credits/top-ups/${created.body.topUpId}`, { token });
    expect(topUp.body.topUp.status).toBe('COMPLETED');
    const credits = await callJson(url, 'GET', '/api/public/v1/credits', { token });
    expect(credits.body.credits.availableCents).toBe(25_000);
  });
});
