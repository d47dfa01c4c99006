// The secrets the CLI must never print. `ot_cat_` (the claim-attempt token) is left out on purpose: it is part of the
// verification link the human has to open, and the CLI is how that link reaches them.
const SECRET = /\b(ot_pat_|ot_clm_|ot_ptk_|whsec_)[A-Za-z0-9_-]+/g;

export const MASK = '***';

/** Replaces every token or signing secret in `text` with its prefix and `***`. */
export function maskSecrets(text: string): string {
  return text.replace(SECRET, `$1${MASK}`);
}

/** A token shown as its prefix and `***` (`ot_pat_***`), or `undefined` when there is none. */
export function maskToken(token: string | undefined | null): string | undefined {
  if (!token) return undefined;
  return maskSecrets(token) === token ? MASK : maskSecrets(token);
}
