// Every OpenTrain secret starts with one of these prefixes. Keeping the prefix in the output tells a reader which kind
// of credential was there without revealing any of it.
const SECRET_PREFIXES = ['ot_pat_', 'ot_clm_', 'ot_cat_', 'ot_ptk_', 'whsec_'];
// At least one character after the prefix: a bare prefix (`ot_clm_` in a message about the token format) is no secret.
const SECRET_PATTERN = new RegExp(`\\b(${SECRET_PREFIXES.join('|')})[A-Za-z0-9_\\-]+`, 'g');
const BEARER_PATTERN = /\b(Bearer\s+)[^\s,;"']+/gi;

export const REDACTED = '***';

/**
 * Masks tokens and webhook secrets in free text. Used by every log line and every error message the SDK builds, so
 * text that came from a server or a caller can be shown without leaking credentials.
 */
export function redact(text: string): string {
  return text.replace(SECRET_PATTERN, `$1${REDACTED}`).replace(BEARER_PATTERN, `$1${REDACTED}`);
}

/** Shortens text for an error message, then redacts it (a cut can leave half a token; the pattern still matches). */
export function excerpt(text: string, maxLength = 200): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  const cut = collapsed.length > maxLength ? `${collapsed.slice(0, maxLength)}…` : collapsed;
  return redact(cut);
}
