import { html } from 'hono/html';
import type { SandboxContext } from '../http/context.js';
import type { RouteFamily } from '../http/router.js';
import { attemptAvailability, completeClaim, findAttemptByToken } from '../state/agent-auth.js';
import type { ClaimAttempt, SandboxState } from '../state/types.js';
import { layout } from './layout.js';

/**
 * The human's half of the claim ceremony: `/claim?token=ot_cat_…` asks for the email the agent named and the
 * six-digit code the agent shows, and a form POST binds the account to that human.
 */
export const claimPage: RouteFamily = {
  name: 'claim-page',
  register(router) {
    router.route('GET', '/claim', (c) => {
      const attemptToken = c.req.query('token');
      if (!attemptToken) {
        return c.html(
          layout(
            'Claim an agent account',
            html`<p>Open the claim link your agent gave you. It ends with <code>?token=ot_cat_…</code>.</p>`,
          ),
        );
      }
      return renderAttempt(c, attemptToken, { email: '', problem: null });
    });

    router.route('POST', '/claim', async (c) => {
      const form = await c.req.parseBody();
      const attemptToken = typeof form.token === 'string' ? form.token : '';
      const email = typeof form.email === 'string' ? form.email : '';
      const userCode = typeof form.user_code === 'string' ? form.user_code : '';
      const runtime = c.var.sandbox;
      const attempt = findAttemptByToken(runtime.state, attemptToken);
      if (!attempt) return unknownLink(c);
      const outcome = completeClaim(runtime.state, attempt, { email, userCode }, runtime.now());
      if (outcome === 'completed') {
        return c.html(
          layout(
            'Account claimed',
            html`<p role="status">You now own the account ${accountNames(runtime.state, attempt).organization}. Your
                agent picks up its new access on its next check; you can close this page.</p>`,
          ),
        );
      }
      if (outcome === 'wrong_email' || outcome === 'wrong_code') {
        const problem =
          outcome === 'wrong_email'
            ? 'That email is not the one your agent used to start this claim.'
            : 'That code does not match. Check the six digits your agent showed you.';
        return renderAttempt(c, attemptToken, { email, problem }, 400);
      }
      return renderAttempt(c, attemptToken, { email, problem: null });
    });
  },
};

function renderAttempt(
  c: SandboxContext,
  attemptToken: string,
  form: { email: string; problem: string | null },
  status: 400 | 200 = 200,
) {
  const runtime = c.var.sandbox;
  const attempt = findAttemptByToken(runtime.state, attemptToken);
  if (!attempt) return unknownLink(c);
  const availability = attemptAvailability(attempt, runtime.now());
  if (availability !== 'open') {
    const message = {
      already_completed: 'This claim is already complete. Your agent has access to the claimed account.',
      superseded: 'Your agent started a newer claim. Use the most recent link it gave you.',
      expired: 'This claim link has expired. Ask your agent to start the claim again.',
    }[availability];
    return c.html(layout('Claim an agent account', html`<p role="alert">${message}</p>`), 410);
  }
  const { agent, organization } = accountNames(runtime.state, attempt);
  return c.html(
    layout(
      'Claim an agent account',
      html`<p>${agent} created the OpenTrain account ${organization}. Claiming it makes you its owner, so the agent
          can hire AI trainers and message candidates on your behalf.</p>
        ${form.problem ? html`<p role="alert">${form.problem}</p>` : ''}
        <form method="post" action="/claim">
          <input type="hidden" name="token" value="${attemptToken}" />
          <label for="email">Your email</label>
          <input id="email" name="email" type="email" autocomplete="email" required value="${form.email}" />
          <label for="user_code">Code from your agent</label>
          <input id="user_code" name="user_code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}"
            required />
          <button type="submit">Claim account</button>
        </form>`,
    ),
    status,
  );
}

function unknownLink(c: SandboxContext) {
  return c.html(
    layout(
      'Claim an agent account',
      html`<p role="alert">This claim link is not valid. Ask your agent for a new one.</p>`,
    ),
    404,
  );
}

function accountNames(state: SandboxState, attempt: ClaimAttempt) {
  const registration = state.registrations[attempt.registrationId];
  const account = registration ? state.accounts[registration.accountId] : undefined;
  return {
    agent: account?.agentName ?? 'An AI agent',
    organization: `"${account?.organizationName ?? 'Unnamed organization'}"`,
  };
}
