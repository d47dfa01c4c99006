import { webhookSchemas } from '@opentrain-ai/sdk/schemas';
import type { ZodType } from 'zod';
import { eventView } from './events.js';
import { partnerDeliveryTarget, recordPartnerAttempt } from './partner-webhooks.js';
import type { SandboxState, WebhookDelivery } from './types.js';
import type { AttemptOutcome } from './webhook-deliveries.js';
import { dueDeliveries, nextRetryAt, recordAttempt } from './webhooks.js';

/** How deliveries reach receivers; `fetch` by default, injectable so tests can capture them in process. */
export type WebhookFetch = (url: string, init: RequestInit) => Promise<Response>;

/** A receiver must answer within this long; a slower answer counts as a failure. */
export const DELIVERY_TIMEOUT_MS = 10_000;

const USER_AGENT = { public: 'OpenTrain-Webhooks/1.0', partner: 'OpenTrain-Partner-Webhooks/1.0' } as const;
// setTimeout cannot wait longer than this (about 24.8 days).
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface WebhookSenderDeps {
  state(): SandboxState;
  /** Sandbox time in epoch ms: retries fall due by it, and signatures carry it. */
  now(): number;
  fetch: WebhookFetch;
  /** Multiplies the retry delays (1 = the real 1, 5, 30 and 120 minutes; 0 = retry at once). */
  retryScale: number;
  timeoutMs?: number;
  /** Saves the state once attempts are recorded. */
  persist(): Promise<void>;
  reportError(error: unknown): void;
}

export interface WebhookSender {
  /** Sends whatever is due in the background, after the current request has been answered. */
  kick(): void;
  /**
   * Sends everything due now, including retries that fall due meanwhile, and resolves with the deliveries attempted
   * while it waited (those of a pass already under way included).
   */
  flush(): Promise<WebhookDelivery[]>;
}

/**
 * Delivers queued webhook events (Public API subscriptions and Platform API endpoints alike) over real HTTP: one
 * signed POST per attempt, one pass at a time. Within a pass each subscription gets its deliveries in event order,
 * and different subscriptions are served side by side, so one slow receiver does not hold up another. Retries wait on sandbox time; with a moving clock a timer wakes the sender when
 * the next retry falls due, and advancing the clock through the control plane kicks it too.
 */
export function createWebhookSender(deps: WebhookSenderDeps): WebhookSender {
  const timeoutMs = deps.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  let chain: Promise<unknown> = Promise.resolve();
  let queued: Promise<WebhookDelivery[]> | undefined;
  // Flushes in progress, each collecting the deliveries every pass attempts.
  const flushes = new Set<Map<string, WebhookDelivery>>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  function schedulePass(): Promise<WebhookDelivery[]> {
    if (queued) return queued;
    const pass = chain.then(() => {
      queued = undefined;
      return sendDue();
    });
    queued = pass;
    chain = pass.catch(deps.reportError);
    return pass;
  }

  async function sendDue(): Promise<WebhookDelivery[]> {
    const state = deps.state();
    const due = dueDeliveries(state, deps.now());
    const bySubscription = new Map<string, WebhookDelivery[]>();
    for (const delivery of due) {
      const queue = bySubscription.get(delivery.webhookId) ?? [];
      queue.push(delivery);
      bySubscription.set(delivery.webhookId, queue);
    }
    await Promise.all(
      [...bySubscription.values()].map(async (deliveries) => {
        for (const delivery of deliveries) await attempt(state, delivery);
      }),
    );
    for (const attempted of flushes) for (const delivery of due) attempted.set(delivery.id, delivery);
    if (due.length > 0) await deps.persist().catch(deps.reportError);
    wakeForNextRetry();
    return due;
  }

  async function attempt(state: SandboxState, delivery: WebhookDelivery): Promise<void> {
    // A reset, a delete or a disable during this pass ends the delivery's turn.
    if (deps.state() !== state || delivery.status !== 'pending' || !state.webhookDeliveries.includes(delivery)) return;
    const api = delivery.api ?? 'public';
    const target = api === 'partner' ? partnerDeliveryTarget(state, delivery) : publicDeliveryTarget(state, delivery);
    if (!target) {
      delivery.status = 'failed';
      delivery.nextAttemptAt = null;
      return;
    }
    const at = deps.now();
    const outcome =
      contractProblem(api, delivery.eventType, target.body) ??
      (await post(delivery, USER_AGENT[api], target.secret, target.body, at));
    if (api === 'partner') recordPartnerAttempt(state, delivery, outcome, at, deps.retryScale);
    else recordAttempt(state, delivery, outcome, at, deps.retryScale);
  }

  /** A delivery body that breaks the spec is a sandbox bug: it is reported and never sent. */
  function contractProblem(api: 'public' | 'partner', type: string, body: string): AttemptOutcome | undefined {
    const schema = (webhookSchemas[api] as Record<string, ZodType | undefined>)[type];
    const result = schema?.safeParse(JSON.parse(body));
    if (result?.success) return undefined;
    const problem = result
      ? result.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ')
      : `${type} is not an event type of the spec`;
    const message = `Sandbox contract violation: the ${type} delivery body breaks the spec (${problem}).`;
    deps.reportError(new Error(message));
    return { status: null, error: message };
  }

  async function post(
    delivery: WebhookDelivery,
    userAgent: string,
    secret: string,
    body: string,
    at: number,
  ): Promise<AttemptOutcome> {
    const timestamp = Math.floor(at / 1000);
    try {
      const response = await deps.fetch(delivery.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': userAgent,
          'X-OpenTrain-Event': delivery.eventType,
          'X-OpenTrain-Delivery': delivery.id,
          'X-OpenTrain-Signature': `t=${timestamp},v1=${await hmacHex(secret, `${timestamp}.${body}`)}`,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Drain the answer so the connection is released; its content is ignored.
      await response.arrayBuffer().catch(() => undefined);
      const delivered = response.status >= 200 && response.status < 300;
      return { status: response.status, error: delivered ? null : `The receiver answered HTTP ${response.status}.` };
    } catch (error) {
      return { status: null, error: describeFailure(error, timeoutMs) };
    }
  }

  /** Arms a timer for the soonest future retry; it only fires a pass if sandbox time has moved meanwhile. */
  function wakeForNextRetry(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const dueAt = nextRetryAt(deps.state());
    if (dueAt === undefined) return;
    const armedAt = deps.now();
    if (dueAt <= armedAt) {
      schedulePass();
      return;
    }
    timer = setTimeout(
      () => {
        timer = undefined;
        // A frozen clock never reaches the retry by itself; advancing it through the control plane kicks instead.
        if (deps.now() !== armedAt) schedulePass();
      },
      Math.min(dueAt - armedAt, MAX_TIMER_MS),
    );
    (timer as { unref?: () => void }).unref?.();
  }

  return {
    kick() {
      schedulePass();
    },
    async flush() {
      const attempted = new Map<string, WebhookDelivery>();
      flushes.add(attempted);
      try {
        do await schedulePass();
        while (dueDeliveries(deps.state(), deps.now()).length > 0);
        return [...attempted.values()];
      } finally {
        flushes.delete(attempted);
      }
    },
  };
}

/** A Public API delivery's secret and body, or undefined when its subscription or event is gone or disabled. */
function publicDeliveryTarget(state: SandboxState, delivery: WebhookDelivery) {
  const webhook = state.webhooks[delivery.webhookId];
  const event = state.events.find((candidate) => candidate.id === delivery.eventId);
  if (webhook?.status !== 'ACTIVE' || !event) return undefined;
  return { secret: webhook.secret, body: JSON.stringify(eventView(event)) };
}

const encoder = new TextEncoder();

/** Hex HMAC-SHA256 keyed with the secret string exactly as issued, `whsec_` prefix included. */
async function hmacHex(secret: string, payload: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(payload));
  return Array.from(new Uint8Array(mac), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `No answer within ${timeoutMs / 1000} seconds.`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const detail = typeof cause?.code === 'string' ? cause.code : error instanceof Error ? error.message : String(error);
  return `The request failed (${detail}).`;
}
