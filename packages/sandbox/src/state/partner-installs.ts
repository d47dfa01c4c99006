import { partnerSchemas } from '@opentrain-ai/sdk/schemas';
import type { PartnerComponents } from '@opentrain-ai/sdk/types';
import { badRequest, notFound } from '../http/errors.js';
import { toIso } from './clock.js';
import { appendPartnerEvent } from './partner-events.js';
import { newId, randomSecret } from './random.js';
import type { InstallRecord, PartnerAppRecord, PartnerScope } from './records/partner.js';
import type { SandboxState } from './types.js';

/** Catalog order; `project-links:write` implies `project-links:read`. */
export const PARTNER_SCOPES: readonly PartnerScope[] = partnerSchemas.zScope.options;

export function isPartnerScope(value: unknown): value is PartnerScope {
  return typeof value === 'string' && (PARTNER_SCOPES as readonly string[]).includes(value);
}

export const DEFAULT_PARTNER_APP = { slug: 'labelforge', name: 'LabelForge' } as const;

/** The registered app with this slug, registering it (self-serve and instant, as in the app) when it is new. */
export function findOrRegisterPartnerApp(
  state: SandboxState,
  input: { slug: string; name: string },
  now: number,
): PartnerAppRecord {
  const existing = Object.values(state.partnerApps).find((app) => app.slug === input.slug);
  if (existing) return existing;
  const app: PartnerAppRecord = {
    id: newId(state, 'ptnapp'),
    slug: input.slug,
    name: input.name,
    status: 'ACTIVE',
    createdAt: toIso(now),
  };
  state.partnerApps[app.id] = app;
  return app;
}

export interface NewInstall {
  accountId: string;
  appId: string;
  scopes: readonly PartnerScope[];
  /** The separate consent checkbox for sharing Work Emails. */
  piiConsent: boolean;
}

/**
 * What the employer's approval on the consent screen does: mints an install with its `ot_ptk_…` token. Connecting
 * an app the account already has an active install of is a reconnect: the old install is revoked first (its
 * endpoints receive `install.revoked`).
 */
export function connectPartnerApp(state: SandboxState, input: NewInstall, now: number): InstallRecord {
  const app = state.partnerApps[input.appId];
  if (!app) throw new Error(`no partner app ${input.appId}`);
  if (!state.accounts[input.accountId]) throw new Error(`no account ${input.accountId}`);
  for (const previous of Object.values(state.installs)) {
    if (previous.accountId === input.accountId && previous.appId === app.id && previous.status === 'ACTIVE') {
      revokeInstall(state, previous, now);
    }
  }
  const install: InstallRecord = {
    id: newId(state, 'inst'),
    accountId: input.accountId,
    appId: app.id,
    status: 'ACTIVE',
    token: `ot_ptk_${randomSecret(state, 40)}`,
    tokenId: newId(state, 'ptk'),
    tokenName: `${app.name} connection`,
    tokenRevokedAt: null,
    scopes: PARTNER_SCOPES.filter((scope) => input.scopes.includes(scope)),
    piiConsent: input.piiConsent,
    createdAt: toIso(now),
    revokedAt: null,
    relayedFundedMilestoneIds: [],
    relayedBudgetStates: {},
  };
  state.installs[install.id] = install;
  return install;
}

export interface ConsentInput {
  accountId: string;
  /** Default: all seven. */
  scopes?: readonly string[];
  /** Default true. */
  piiConsent?: boolean;
  /** The platform app; default LabelForge. An unknown slug registers a new app (the name defaults to the slug). */
  app?: { slug: string; name?: string };
}

export interface ConsentResult {
  installId: string;
  /** The `ot_ptk_…` token, handed out only here (as on the consent screen). */
  token: string;
  appId: string;
  accountId: string;
  scopes: PartnerScope[];
  piiConsent: boolean;
}

/**
 * What an employer's approval on the consent screen does, for the control plane: checks the input (naming the
 * field at fault), registers the app when it is new and connects it (a reconnect revokes the previous install).
 */
export function approveConsent(state: SandboxState, input: ConsentInput, now: number): ConsentResult {
  if (!state.accounts[input.accountId]) throw notFound('accounts', 'accountId', input.accountId);
  const scopes = input.scopes ?? PARTNER_SCOPES;
  const unknown = scopes.filter((scope) => !isPartnerScope(scope));
  if (scopes.length === 0 || unknown.length > 0) {
    throw badRequest(`scopes must hold at least one of ${PARTNER_SCOPES.join(', ')}.`, {
      field: 'scopes',
      allowedValues: [...PARTNER_SCOPES],
    });
  }
  const slug = input.app?.slug ?? DEFAULT_PARTNER_APP.slug;
  if (!/^[a-z0-9-]{1,50}$/.test(slug)) {
    throw badRequest('app.slug must be 1 to 50 lower-case letters, digits or hyphens.', { field: 'app.slug' });
  }
  const name = input.app ? (input.app.name ?? slug) : DEFAULT_PARTNER_APP.name;
  if (name.trim() === '' || name.length > 120) {
    throw badRequest('app.name must be 1 to 120 characters.', { field: 'app.name' });
  }
  const app = findOrRegisterPartnerApp(state, { slug, name }, now);
  const install = connectPartnerApp(
    state,
    {
      accountId: input.accountId,
      appId: app.id,
      scopes: scopes.filter(isPartnerScope),
      piiConsent: input.piiConsent ?? true,
    },
    now,
  );
  return {
    installId: install.id,
    token: install.token,
    appId: app.id,
    accountId: install.accountId,
    scopes: [...install.scopes],
    piiConsent: install.piiConsent,
  };
}

/** The customer disconnects: `install.revoked` goes out, then the install and its token stop working. */
export function revokeInstall(state: SandboxState, install: InstallRecord, now: number): void {
  if (install.status !== 'ACTIVE') return;
  appendPartnerEvent(
    state,
    install,
    { type: 'install.revoked', resourceId: install.id, jobId: null, data: { installId: install.id } },
    now,
  );
  install.status = 'REVOKED';
  install.revokedAt = toIso(now);
  install.tokenRevokedAt = toIso(now);
}

/** The install a bearer value belongs to while its token is live. */
export function findInstallByToken(state: SandboxState, value: string): InstallRecord | undefined {
  if (!value.startsWith('ot_ptk_')) return undefined;
  const install = Object.values(state.installs).find((candidate) => candidate.token === value);
  return install && install.tokenRevokedAt === null ? install : undefined;
}

export type InstallRefusal = 'install_inactive' | 'partner_app_disabled' | 'feature_disabled';

/** Why calls (and events) of this install are refused now, if they are: install, app and feature must all be on. */
export function installRefusal(state: SandboxState, install: InstallRecord): InstallRefusal | undefined {
  if (install.status !== 'ACTIVE') return 'install_inactive';
  if (state.partnerApps[install.appId]?.status !== 'ACTIVE') return 'partner_app_disabled';
  if (!state.accounts[install.accountId]?.features.partner_api) return 'feature_disabled';
  return undefined;
}

/** Whether the install may hand out Work Emails: the scope and the employer's PII consent. */
export const sharesWorkEmail = (install: InstallRecord) =>
  install.piiConsent && install.scopes.includes('participants:email');

/** The wire form (`Install`): never the token's secret. */
export function installView(state: SandboxState, install: InstallRecord): PartnerComponents['schemas']['Install'] {
  const app = state.partnerApps[install.appId];
  return {
    id: install.id,
    status: install.status,
    scopes: [...install.scopes],
    piiConsent: install.piiConsent,
    organizationId: install.accountId,
    createdAt: install.createdAt,
    partnerApp: { id: install.appId, slug: app?.slug ?? '', name: app?.name ?? '' },
    token: { id: install.tokenId, name: install.tokenName, scopes: [...install.scopes] },
  };
}
