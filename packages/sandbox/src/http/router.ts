import type { Hono } from 'hono';
import type { PartnerScope } from '../state/records/partner.js';
import type { FeatureKey, SandboxState, Scope } from '../state/types.js';
import type { ApprovalExecutors, OperationInfo, SandboxContext, SandboxEnv, SandboxMiddleware } from './context.js';
import { requireAnyScope, requireClaim, requireFeature, requireScopes, requireToken } from './gates.js';
import { partnerGates } from './partner-gates.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Mirrors the spec's `x-opentrain-scope`, `x-opentrain-feature` and `x-opentrain-claim-required`. */
export interface AuthRequirement {
  /** All of these (`[]` = any valid token). */
  scopes: Scope[];
  /** At least one of these, on top of `scopes`. */
  anyOfScopes?: Scope[];
  feature?: FeatureKey;
  /** Set when the account must be claimed; completes "…before it can <claimAction>." */
  claimAction?: string;
}

/** A Platform API operation: a live `ot_ptk_…` token of an active install holding all of `partnerScopes`. */
export interface PartnerAuthRequirement {
  partnerScopes: PartnerScope[];
}

export interface OperationDefinition {
  /** The spec's operationId, e.g. `createToken`; the validation seam looks schemas up by it. */
  operationId: string;
  method: HttpMethod;
  /** The full path as the spec writes it, with `{param}` placeholders. */
  path: string;
  /** `'none'` for tokenless operations. */
  auth: 'none' | AuthRequirement | PartnerAuthRequirement;
}

export type RouteHandler = (c: SandboxContext) => Response | Promise<Response>;

export interface SandboxRouter {
  /** A documented API operation: gates from `auth`, then the validation seam, then the handler. */
  operation(definition: OperationDefinition, handler: RouteHandler): void;
  /** A route outside the API contract: the HTML pages and the `/_sandbox` control plane. */
  route(method: HttpMethod, path: string, handler: RouteHandler): void;
}

/** One API family (one file in src/routes/): its routes and, for money families, how their approvals execute. */
export interface RouteFamily {
  name: string;
  register(router: SandboxRouter): void;
  approvalExecutors?: ApprovalExecutors;
  /**
   * Time-driven or derived behaviour of the family, run before and after every request and after every
   * control-plane change with the current sandbox time (e.g. simulated trainers applying some minutes after a job is
   * published, Platform events for a contract a request ended). Must be idempotent: it only materialises what is due
   * and not yet done.
   */
  tick?(state: SandboxState, now: number): void;
}

/**
 * The seam for contract validation: one Hono middleware that runs on every documented operation after its gates,
 * with `c.var.operation` naming the operationId. It may refuse the request (return a 400 envelope) before calling
 * `next()`, and may inspect `c.res` after `next()` to check the response against the operation's schema.
 */
export type OperationValidation = SandboxMiddleware;

/** `/tokens/{tokenId}` → `/tokens/:tokenId` (Hono's syntax). */
const toHonoPath = (path: string) => path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');

export function createRouter(app: Hono<SandboxEnv>, validation: OperationValidation | undefined) {
  const operations: OperationInfo[] = [];

  const router: SandboxRouter = {
    operation(definition, handler) {
      const info: OperationInfo = {
        operationId: definition.operationId,
        method: definition.method,
        path: definition.path,
      };
      operations.push(info);
      const markOperation: SandboxMiddleware = async (c, next) => {
        c.set('operation', info);
        await next();
      };
      const chain: SandboxMiddleware[] = [markOperation, ...gatesFor(definition.auth)];
      if (validation) chain.push(validation);
      app.on(definition.method, [toHonoPath(definition.path)], ...chain, handler);
    },
    route(method, path, handler) {
      app.on(method, toHonoPath(path), handler);
    },
  };
  return { router, operations };
}

function gatesFor(auth: OperationDefinition['auth']): SandboxMiddleware[] {
  if (auth === 'none') return [];
  if ('partnerScopes' in auth) return partnerGates(auth.partnerScopes);
  const gates = [requireToken()];
  // The claim comes before the scopes: a pre-claim token never holds the scopes the claim-gated operations need
  // (proposals:write, messages:write, ...), so checking scopes first would hide the one refusal an agent can act on,
  // `account_claim_required` with its claimUrl, which is the refusal the docs show for these calls.
  if (auth.claimAction) gates.push(requireClaim(auth.claimAction));
  if (auth.scopes.length > 0) gates.push(requireScopes(...auth.scopes));
  if (auth.anyOfScopes && auth.anyOfScopes.length > 0) gates.push(requireAnyScope(...auth.anyOfScopes));
  if (auth.feature) gates.push(requireFeature(auth.feature));
  return gates;
}
