import type { WebhookVerificationReason } from '../core/opentrain-error.js';

/** Why the signing code refused its input; index.ts turns it into the public `WebhookVerificationError`. */
export class Refusal extends Error {
  readonly reason: WebhookVerificationReason;

  constructor(reason: WebhookVerificationReason, message: string) {
    super(message);
    this.reason = reason;
  }
}
