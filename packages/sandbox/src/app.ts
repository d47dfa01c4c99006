import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { createControl, type SandboxControl } from './control.js';
import { ConnectionDroppedError, FaultPlan, faultResponse, truncateResponse } from './faults.js';
import type { ApprovalExecutors, OperationInfo, SandboxContext, SandboxEnv, SandboxRuntime } from './http/context.js';
import {
  ApiError,
  conflict,
  type ErrorCode,
  envelope,
  isOAuthPath,
  notFound,
  OAuthError,
  oauthBody,
} from './http/errors.js';
import { createRequestIds, withRequestId } from './http/request-id.js';
import { createRouter, type OperationValidation, type RouteFamily } from './http/router.js';
import { ContractViolation, contractValidation } from './http/validation.js';
import { apiKeysPage } from './pages/api-keys.js';
import { approvalPage } from './pages/approval.js';
import { billingPage } from './pages/billing.js';
import { checkoutPage } from './pages/checkout.js';
import { claimPage } from './pages/claim.js';
import { accountRoutes } from './routes/account.js';
import { agentAuthRoutes } from './routes/agent-auth.js';
import { approvalRoutes } from './routes/approvals.js';
import { contractRoutes } from './routes/contracts.js';
import { controlRoutes } from './routes/control.js';
import { creditRoutes } from './routes/credits.js';
import { discoveryRoutes } from './routes/discovery.js';
import { hiringRoutes } from './routes/hiring.js';
import { jobRoutes } from './routes/jobs.js';
import { messageRoutes } from './routes/messages.js';
import { partnerRoutes } from './routes/partner-api.js';
import { teamRoutes } from './routes/team.js';
import { tokenRoutes } from './routes/tokens.js';
import { updateRoutes } from './routes/updates.js';
import { webhookRoutes } from './routes/webhooks.js';
import { expireIfDue, finishApproval } from './state/approvals.js';
import { type Clock, sandboxNow, systemClock } from './state/clock.js';
import { emptyState } from './state/create.js';
import { scenarios } from './state/scenarios.js';
import type { Approval, SandboxState } from './state/types.js';
import { createWebhookSender, type WebhookFetch } from './state/webhook-sender.js';

/** The API families the sandbox serves. A new family is one file in src/routes/ and one entry here. */
const BUILT_IN_FAMILIES: readonly RouteFamily[] = [
  agentAuthRoutes,
  discoveryRoutes,
  accountRoutes,
  tokenRoutes,
  jobRoutes,
  updateRoutes,
  webhookRoutes,
  teamRoutes,
  claimPage,
  approvalPage,
  hiringRoutes,
  messageRoutes,
  approvalRoutes,
  contractRoutes,
  creditRoutes,
  checkoutPage,
  billingPage,
  apiKeysPage,
  partnerRoutes,
];

export interface SandboxOptions {
  /** Seeds ids, secrets, codes and request ids (default 1). Ignored when `initialState` is given. */
  seed?: number;
  /** Time source in epoch ms (default the system clock); see `fixedClock`. */
  clock?: Clock;
  /** Start from a saved state instead of an empty one. */
  initialState?: SandboxState;
  /** Waits for a `delay` fault; inject one that resolves at once to test delays without real time. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Called with the serialised state after every request or control call that changed it. */
  onStateChange?: (json: string) => Promise<void> | void;
  /**
   * Contract validation for every documented operation (see `OperationValidation`). Defaults to checking requests
   * and responses against the spec's generated schemas; `false` turns it off.
   */
  validation?: OperationValidation | false;
  /** More route families, served after the built-in ones. */
  families?: readonly RouteFamily[];
  /** Where unexpected errors (sandbox bugs, failed saves) are reported; defaults to console.error. */
  onUnexpectedError?: (error: unknown) => void;
  /** Sends webhook deliveries (default the global `fetch`); inject one to capture deliveries in process. */
  webhookFetch?: WebhookFetch;
  /**
   * Multiplies the webhook retry delays of 1, 5, 30 and 120 minutes of sandbox time (default 1; 0 retries at once).
   */
  webhookRetryScale?: number;
}

export interface Sandbox {
  /** A web-standard fetch handler: the whole sandbox behind one function. */
  fetch(request: Request): Promise<Response>;
  /** The live state; replaced by `control.reset` and `control.seed`, so read it again after those. */
  readonly state: SandboxState;
  control: SandboxControl;
  /** Every documented operation the sandbox serves. */
  readonly operations: readonly OperationInfo[];
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? abortableSleep;
  const reportError = options.onUnexpectedError ?? ((error: unknown) => console.error(error));
  const families = [...BUILT_IN_FAMILIES, ...(options.families ?? [])];
  const executors = { ...collectExecutors(BUILT_IN_FAMILIES), ...collectExecutors(options.families ?? []) };
  const faults = new FaultPlan();
  const retryScale = options.webhookRetryScale ?? 1;
  if (!Number.isFinite(retryScale) || retryScale < 0) {
    throw new TypeError(`webhookRetryScale must be a non-negative number, got ${String(options.webhookRetryScale)}`);
  }

  let state = options.initialState ?? emptyState(options.seed);
  const nextRequestId = createRequestIds(state.seed);
  const now = () => sandboxNow(clock, state);

  const runtime: SandboxRuntime = {
    get state() {
      return state;
    },
    now,
    clock,
    decideApproval: (approvalId, decision) => decideApproval(state, executors, approvalId, decision, now()),
  };

  const persist = createPersister(() => state, options.onStateChange);
  const tick = () => {
    for (const family of families) family.tick?.(state, now());
  };
  const webhooks = createWebhookSender({
    state: () => state,
    now,
    // Looked up per delivery, so a fetch interceptor installed later (msw) still sees the deliveries.
    fetch: options.webhookFetch ?? ((url, init) => globalThis.fetch(url, init)),
    retryScale,
    persist,
    reportError,
  });

  const control = createControl({
    state: () => state,
    now,
    replaceState(seed) {
      state = emptyState(seed ?? state.seed);
      return state;
    },
    buildScenario: (target, scenario, at) => scenarios[scenario](target, at),
    decideApproval: runtime.decideApproval,
    faults,
    persist,
    tick() {
      tick();
      webhooks.kick();
    },
    flushWebhooks: () => webhooks.flush(),
  });

  const app = new Hono<SandboxEnv>();
  app.use('*', async (c, next) => {
    c.set('sandbox', runtime);
    c.set('requestId', c.env.requestId);
    await next();
  });
  const validation = options.validation === false ? undefined : (options.validation ?? contractValidation());
  const { router, operations } = createRouter(app, validation);
  for (const family of [controlRoutes(control), ...families]) family.register(router);
  app.notFound((c) => renderNotFound(c));
  app.onError((error, c) => renderError(error, c, reportError));

  async function fetch(request: Request): Promise<Response> {
    const requestId = nextRequestId();
    const { pathname } = new URL(request.url);
    const fault = pathname.startsWith('/_sandbox/') ? undefined : faults.take(request.method, pathname);

    if (fault?.kind === 'drop' && !fault.afterHandling) throw new ConnectionDroppedError();
    if (fault?.kind === 'rate_limit' || fault?.kind === 'error') {
      return withRequestId(faultResponse(fault, pathname, requestId), requestId);
    }
    if (fault?.kind === 'delay') await sleep(fault.ms, request.signal);

    tick();
    const response = withRequestId(await app.fetch(request, { requestId }), requestId);
    // Derived behaviour catches up with what the request changed (e.g. Platform events for a contract it ended).
    tick();
    await persist().catch(reportError);
    // Deliveries for events this request caused go out after it has been answered.
    webhooks.kick();

    if (fault?.kind === 'drop') throw new ConnectionDroppedError();
    if (fault?.kind === 'truncate') return truncateResponse(response);
    return response;
  }

  // A state loaded from a file may hold deliveries that were due while the sandbox was stopped.
  webhooks.kick();

  return {
    fetch,
    get state() {
      return state;
    },
    control,
    operations,
  };
}

function decideApproval(
  state: SandboxState,
  executors: ApprovalExecutors,
  approvalId: string,
  decision: 'confirm' | 'decline',
  now: number,
): Approval {
  const approval = state.approvals[approvalId];
  if (!approval) throw notFound('approvals', 'approvalId', approvalId);
  expireIfDue(state, approval, now);
  if (approval.status !== 'pending') {
    throw conflict(`This approval is already ${approval.status}.`, { status: approval.status });
  }
  const executor = executors[approval.type];
  if (decision === 'decline') {
    executor?.decline?.({ state, approval, now });
    finishApproval(state, approval, 'declined', null, now);
    return approval;
  }
  if (!executor) throw new Error(`No approval executor is registered for type ${approval.type}.`);
  const result = executor.confirm({ state, approval, now });
  finishApproval(state, approval, 'confirmed', result, now);
  return approval;
}

/** Executors of the given families; two of them claiming one approval type is a wiring mistake. */
function collectExecutors(families: readonly RouteFamily[]): ApprovalExecutors {
  const executors: ApprovalExecutors = {};
  for (const family of families) {
    for (const [type, executor] of Object.entries(family.approvalExecutors ?? {})) {
      const key = type as keyof ApprovalExecutors;
      if (executors[key]) throw new Error(`Two route families register an approval executor for ${type}.`);
      executors[key] = executor;
    }
  }
  return executors;
}

/** Saves after a change only: the serialised state is compared with the last one saved. Saves never overlap. */
function createPersister(currentState: () => SandboxState, save: SandboxOptions['onStateChange']) {
  if (!save) return async () => {};
  let lastSaved = JSON.stringify(currentState());
  let queue: Promise<void> = Promise.resolve();
  return async () => {
    const json = JSON.stringify(currentState());
    if (json === lastSaved) return;
    lastSaved = json;
    const saving = queue.then(() => save(json));
    queue = saving.catch(() => {});
    await saving;
  };
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'RATE_LIMITED',
};

function renderError(error: unknown, c: SandboxContext, reportError: (error: unknown) => void): Response {
  const requestId = c.env.requestId;
  if (error instanceof OAuthError) {
    return c.json(oauthBody(error.error, error.description), error.status as ContentfulStatusCode);
  }
  if (error instanceof ApiError) {
    return c.json(
      envelope(error.code, error.message, requestId, error.details),
      error.status as ContentfulStatusCode,
      error.headers,
    );
  }
  if (error instanceof HTTPException && error.status < 500) {
    const code = CODE_OF_STATUS[error.status] ?? 'BAD_REQUEST';
    if (isOAuthPath(c.req.path)) return c.json(oauthBody('invalid_request', error.message), 400);
    return c.json(envelope(code, error.message || 'The request could not be read.', requestId), error.status);
  }
  reportError(error);
  if (error instanceof ContractViolation) {
    return c.json(envelope('INTERNAL_ERROR', `Sandbox contract violation: ${error.message}`, requestId), 500);
  }
  if (isOAuthPath(c.req.path)) {
    return c.json(oauthBody('server_error', 'The sandbox hit an unexpected error.'), 500);
  }
  return c.json(envelope('INTERNAL_ERROR', 'The sandbox hit an unexpected error.', requestId), 500);
}

function renderNotFound(c: SandboxContext): Response {
  const message = `No endpoint ${c.req.method} ${c.req.path}.`;
  if (isOAuthPath(c.req.path)) return c.json(oauthBody('invalid_request', message), 404);
  return c.json(envelope('NOT_FOUND', message, c.env.requestId), 404);
}
