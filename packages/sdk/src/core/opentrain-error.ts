import { redact } from './redact.js';

/** The root of every error the SDK throws. Messages are redacted, so they are safe to log or show. */
export class OpenTrainError extends Error {
  override name = 'OpenTrainError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(redact(message), options);
  }
}

export type WebhookVerificationReason =
  | 'invalid_body'
  | 'invalid_secret'
  | 'missing_header'
  | 'malformed_header'
  | 'timestamp_too_old'
  | 'timestamp_in_future'
  | 'signature_mismatch'
  | 'invalid_json';

/** `webhooks.verify`, `unwrap` or `sign` refused a delivery or its inputs; `reason` says why. */
export class WebhookVerificationError extends OpenTrainError {
  override name = 'WebhookVerificationError';
  readonly reason: WebhookVerificationReason;

  constructor(reason: WebhookVerificationReason, message: string) {
    super(message);
    this.reason = reason;
  }
}
