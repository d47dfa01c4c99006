// `webhooks.verify`, `unwrap` and `sign`. The code behind them (WebCrypto HMAC, header parsing, raw-body checks) is a
// chunk of its own, loaded on the first call: a server that receives deliveries loads it once, and a browser app,
// which never holds a signing secret, never downloads it. The calls were async already, so nothing changes for them.
import { WebhookVerificationError } from '../core/opentrain-error.js';
import type * as events from './events.js';
import type * as header from './signature-header.js';
import type * as signing from './signing.js';

type Signing = typeof signing;

let loading: Promise<Signing> | undefined;
const load = (): Promise<Signing> => {
  loading ??= import('./signing.js');
  return loading;
};

/** Runs `name` from the signing chunk, turning its refusals into `WebhookVerificationError`. */
function lazily<Name extends 'verify' | 'unwrap' | 'sign'>(name: Name): Signing[Name] {
  const call = async (...args: unknown[]) => {
    const module = await load();
    try {
      return await (module[name] as (...args: unknown[]) => Promise<unknown>)(...args);
    } catch (error) {
      if (error instanceof module.Refusal) throw new WebhookVerificationError(error.reason, error.message);
      throw error;
    }
  };
  return call as Signing[Name];
}

/**
 * Checks an `X-OpenTrain-Signature` against the raw body. Resolves when one `v1` entry matches and the timestamp is
 * within tolerance (`toleranceSec`, default 300, checked both ways); otherwise rejects with `WebhookVerificationError`
 * (see its `reason`). Uses WebCrypto only, so it runs on Node, Bun, Deno and workers.
 */
const verify: Signing['verify'] = /* @__PURE__ */ lazily('verify');

/**
 * Verifies the delivery, then parses its JSON body: a Public API event by default, a Platform API event with
 * `{ api: 'partner' }`. Switch on `event.type` to get each event's `data`.
 */
const unwrap: Signing['unwrap'] = /* @__PURE__ */ lazily('unwrap');

/**
 * Builds a valid `X-OpenTrain-Signature` value for a payload, for tests and local tools that send deliveries.
 * `timestamp` is in Unix seconds (default: now).
 */
const sign: Signing['sign'] = /* @__PURE__ */ lazily('sign');

/**
 * Verifying, unwrapping and signing webhook deliveries. A plain object rather than a module namespace, so the core
 * bundle needs no namespace helper; the types below come with it (`webhooks.WebhookEvent`, ...).
 */
export const webhooks = { verify, unwrap, sign };

export declare namespace webhooks {
  type HeadersLike = header.HeadersLike;
  type RawBody = signing.RawBody;
  type VerifyOptions = signing.VerifyOptions;
  type UnwrapOptions<Api extends WebhookApi = WebhookApi> = signing.UnwrapOptions<Api>;
  type WebhookApi = events.WebhookApi;
  type WebhookEvent<Api extends WebhookApi = 'public'> = events.WebhookEvent<Api>;
  type PublicWebhookEvent = events.PublicWebhookEvent;
  type PartnerWebhookEvent = events.PartnerWebhookEvent;
}
