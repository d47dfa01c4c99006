import type { SandboxControl } from '../control.js';
import { parseFaultInput } from '../faults.js';
import { type JsonObject, publicBody } from '../http/body.js';
import { originOf } from '../http/context.js';
import { badRequest } from '../http/errors.js';
import type { RouteFamily } from '../http/router.js';
import { approvalView } from '../state/approvals.js';
import { isFeatureKey } from '../state/features.js';
import type { ConsentInput } from '../state/partner-installs.js';
import { isScenarioName, scenarios } from '../state/scenarios.js';
import type { FeatureKey } from '../state/types.js';

/** `/_sandbox/*`: the control plane as JSON, for tests and tools driving a sandbox over HTTP. */
export function controlRoutes(control: SandboxControl): RouteFamily {
  return {
    name: 'control',
    register(router) {
      router.route('GET', '/_sandbox/health', (c) => c.json({ ok: true, now: control.now() }));

      router.route('POST', '/_sandbox/reset', async (c) => {
        const body = await publicBody(c);
        await control.reset({ seed: optionalSeed(body) });
        return c.json({ ok: true });
      });

      router.route('POST', '/_sandbox/seed', async (c) => {
        const body = await publicBody(c);
        if (!isScenarioName(body.scenario)) {
          throw badRequest(`scenario must be one of ${Object.keys(scenarios).join(', ')}.`, { field: 'scenario' });
        }
        const result = await control.seed(body.scenario, { seed: optionalSeed(body) });
        return c.json({ scenario: body.scenario, ...result });
      });

      router.route('GET', '/_sandbox/clock', (c) => c.json({ now: control.now() }));

      router.route('POST', '/_sandbox/clock/advance', async (c) => {
        const body = await publicBody(c);
        const ms = body.ms ?? (typeof body.seconds === 'number' ? body.seconds * 1000 : undefined);
        if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
          throw badRequest('Send {"seconds": n} or {"ms": n} with a non-negative number.', { field: 'seconds' });
        }
        return c.json({ now: await control.advanceClock(ms) });
      });

      router.route('POST', '/_sandbox/approvals/{approvalId}/confirm', async (c) => {
        const approval = await control.confirmApproval(c.req.param('approvalId') ?? '');
        return c.json({ approval: approvalView(approval, originOf(c)) });
      });

      router.route('POST', '/_sandbox/approvals/{approvalId}/decline', async (c) => {
        const approval = await control.declineApproval(c.req.param('approvalId') ?? '');
        return c.json({ approval: approvalView(approval, originOf(c)) });
      });

      router.route('POST', '/_sandbox/claims/complete', async (c) => {
        const body = await publicBody(c);
        if (typeof body.token !== 'string' || !/^ot_(cat|clm)_/.test(body.token)) {
          throw badRequest('token must be the claim attempt token (ot_cat_…) or the claim token (ot_clm_…).', {
            field: 'token',
          });
        }
        return c.json(await control.completeClaim(body.token));
      });

      router.route('PATCH', '/_sandbox/accounts/{accountId}/features', async (c) => {
        const flags = featureFlags(await publicBody(c));
        return c.json({ features: await control.setFeatures(c.req.param('accountId') ?? '', flags) });
      });

      router.route('PATCH', '/_sandbox/settings', async (c) => {
        const body = await publicBody(c);
        if (body.anonymousRegistration !== undefined && typeof body.anonymousRegistration !== 'boolean') {
          throw badRequest('anonymousRegistration must be true or false.', { field: 'anonymousRegistration' });
        }
        const settings = await control.setSettings(
          body.anonymousRegistration === undefined ? {} : { anonymousRegistration: body.anonymousRegistration },
        );
        return c.json({ settings });
      });

      router.route('GET', '/_sandbox/webhook-deliveries', (c) =>
        c.json({ deliveries: control.webhookDeliveries(c.req.query('accountId')) }),
      );

      router.route('POST', '/_sandbox/webhooks/flush', async (c) =>
        c.json({ deliveries: await control.flushWebhooks() }),
      );

      router.route('POST', '/_sandbox/trainers/apply', async (c) => {
        const body = await publicBody(c);
        const jobId = requiredText(body, 'jobId');
        const freelancerId = body.freelancerId === undefined ? undefined : requiredText(body, 'freelancerId');
        return c.json(await control.applyTrainer({ jobId, freelancerId }), 201);
      });

      router.route('POST', '/_sandbox/partner/installs', async (c) => {
        const body = await publicBody(c);
        return c.json(await control.connectPartnerApp(consentInput(body)), 201);
      });

      router.route('POST', '/_sandbox/partner/installs/{installId}/revoke', async (c) =>
        c.json(await control.revokePartnerInstall(c.req.param('installId') ?? '')),
      );

      router.route('PATCH', '/_sandbox/partner/apps/{appId}', async (c) => {
        const status = (await publicBody(c)).status;
        if (status !== 'ACTIVE' && status !== 'DISABLED') {
          throw badRequest('status must be ACTIVE or DISABLED.', { field: 'status' });
        }
        return c.json(await control.setPartnerAppStatus(c.req.param('appId') ?? '', status));
      });

      router.route('POST', '/_sandbox/proposals/{proposalId}/status', async (c) => {
        const status = requiredText(await publicBody(c), 'status');
        return c.json(await control.setProposalStatus(c.req.param('proposalId') ?? '', status));
      });

      router.route('GET', '/_sandbox/faults', (c) => c.json({ faults: control.faults() }));
      router.route('POST', '/_sandbox/faults', async (c) => {
        const rule = control.injectFault(parseFaultInput(await publicBody(c)));
        return c.json({ fault: rule }, 201);
      });
      router.route('DELETE', '/_sandbox/faults', (c) => {
        control.clearFaults();
        return c.json({ faults: [] });
      });
    },
  };
}

function requiredText(body: JsonObject, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.trim() === '')
    throw badRequest(`${field} must be a non-empty string.`, { field });
  return value;
}

function consentInput(body: JsonObject): ConsentInput {
  const input: ConsentInput = { accountId: requiredText(body, 'accountId') };
  if (body.scopes !== undefined) {
    if (!Array.isArray(body.scopes) || !body.scopes.every((scope) => typeof scope === 'string')) {
      throw badRequest('scopes must be an array of Platform API scopes.', { field: 'scopes' });
    }
    input.scopes = body.scopes;
  }
  if (body.piiConsent !== undefined) {
    if (typeof body.piiConsent !== 'boolean')
      throw badRequest('piiConsent must be true or false.', { field: 'piiConsent' });
    input.piiConsent = body.piiConsent;
  }
  if (body.app !== undefined) {
    const app = body.app as JsonObject | null;
    if (typeof app !== 'object' || app === null || Array.isArray(app)) {
      throw badRequest('app must be an object with slug and name.', { field: 'app' });
    }
    if (typeof app.slug !== 'string') throw badRequest('app.slug must be a string.', { field: 'app.slug' });
    if (app.name !== undefined && typeof app.name !== 'string') {
      throw badRequest('app.name must be a string.', { field: 'app.name' });
    }
    input.app = { slug: app.slug, name: app.name };
  }
  return input;
}

function optionalSeed(body: JsonObject): number | undefined {
  if (body.seed === undefined) return undefined;
  if (!Number.isInteger(body.seed)) throw badRequest('seed must be an integer.', { field: 'seed' });
  return body.seed as number;
}

function featureFlags(body: JsonObject): Partial<Record<FeatureKey, boolean>> {
  const flags: Partial<Record<FeatureKey, boolean>> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!isFeatureKey(key)) throw badRequest(`${key} is not a feature flag.`, { field: key });
    if (typeof value !== 'boolean') throw badRequest(`${key} must be true or false.`, { field: key });
    flags[key] = value;
  }
  return flags;
}
