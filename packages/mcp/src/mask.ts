// Secrets that must never reach a model's context: API tokens, claim tokens, platform tokens and webhook signing
// secrets. The prefix stays, so a reader still sees which kind of credential was there. Claim-attempt tokens
// (`ot_cat_…`) are left alone on purpose: they are the link a human opens to claim the account.
const SECRET_PATTERN = /\b(ot_pat_|ot_clm_|ot_ptk_|whsec_)[A-Za-z0-9_-]+/g;
const BEARER_PATTERN = /\b(Bearer\s+)[^\s,;"']+/gi;

/** The masked preview of a secret: its prefix and `***`. */
export function maskText(text: string): string {
  return text.replace(SECRET_PATTERN, '$1***').replace(BEARER_PATTERN, '$1***');
}

/** A copy of a JSON value with every string masked, at any depth. */
export function maskSecrets<T>(value: T): T {
  if (typeof value === 'string') return maskText(value) as T;
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskSecrets(item)])) as T;
  }
  return value;
}
