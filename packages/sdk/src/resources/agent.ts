import { type ClaimedToken, type WaitForClaimOptions, waitForClaim } from '../agent-auth/index.js';
import type { Transport } from '../core/transport.js';
import type { PublicAgentResource } from '../generated/resources.js';

/** The `agent` namespace (agent self-registration and the human claim), plus `waitForClaim`. */
export interface Agent extends PublicAgentResource {
  /**
   * Polls the token endpoint until the human finishes the claim, and resolves with the post-claim token. Switch to
   * it at once: every pre-claim token was just revoked. Keeps polling on `authorization_pending`, slows down on
   * `slow_down`, rejects with `OAuthError` on a final refusal (`expired_token`, `access_denied`, ...) and with
   * `WaitTimeoutError` after `timeoutMs` (default 30 min).
   */
  waitForClaim(options: WaitForClaimOptions): Promise<ClaimedToken>;
}

/** Adds `waitForClaim` to the generated `agent` namespace of a client. */
export function withClaimWait(agent: PublicAgentResource, transport: Transport): Agent {
  return Object.assign(agent, { waitForClaim: (options: WaitForClaimOptions) => waitForClaim(transport, options) });
}
