// What the human does in the browser during the demo, done with plain form posts against the sandbox's real pages.

async function submitForm(url: string, fields: Record<string, string | string[]>): Promise<string> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of ([] as string[]).concat(value)) body.append(name, item);
  }
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  const html = await response.text();
  if (!response.ok) throw new Error(`The page at ${url} refused the form (${response.status}).`);
  return html;
}

/** Opens the claim link, types the email and the six-digit code, and presses "Claim account". */
export async function claimAccount(verificationUri: string, email: string, userCode: string): Promise<void> {
  const link = new URL(verificationUri);
  const token = link.searchParams.get('token') ?? '';
  await submitForm(new URL('/claim', link).href, { token, email, user_code: userCode });
}

/** In the app's API-keys settings, creates a key with every scope (payments and webhooks included). */
export async function mintKeyInApp(baseUrl: string, accountId: string): Promise<string> {
  const html = await submitForm(new URL('/employer-settings/api-keys', baseUrl).href, {
    accountId,
    name: 'Agent with payments',
  });
  const token = /data-testid="minted-token">([^<]+)</.exec(html)?.[1];
  if (!token) throw new Error('The API-keys page showed no new key.');
  return token;
}

/** Opens an approval link and presses "Confirm". */
export async function confirmApproval(approvalUrl: string): Promise<void> {
  await submitForm(`${approvalUrl}/confirm`, {});
}

/** Opens the billing link from a `payment_method_required` refusal and presses "Add test card". */
export async function addCard(billingUrl: string): Promise<void> {
  const link = new URL(billingUrl);
  await submitForm(new URL('/settings/billing/card', link).href, {
    accountId: link.searchParams.get('accountId') ?? '',
  });
}
