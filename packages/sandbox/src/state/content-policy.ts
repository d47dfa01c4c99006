/**
 * What the platform keeps off its surfaces: personal contact details (work stays on OpenTrain, and names stay
 * masked) and invitations to pay outside the platform. Interview transcripts are scrubbed; messages that try either
 * are refused.
 */

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
/**
 * Phone numbers in international form ("+34 612 345 678") or grouped 3-3-4 ("(555) 013-2447"); dates, amounts
 * and counts ("2026-07-01", "5,000 posts") never match.
 */
const PHONE = /\+\d[\d\s().-]{7,}\d|\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b/g;
const CONTACT_APPS = /\b(?:whats\s?app|telegram|skype|wechat|viber)\b/i;
const OFF_PLATFORM_PAYMENT =
  /\b(?:paypal|venmo|cash\s?app|western union|wire (?:me|you)|pay (?:me|you) (?:directly|outside))\b/i;

/** Internal annotations of the interview engine, e.g. `[[rubric:clarity=4]]`. */
const INTERNAL_MARKER = /\[\[[^\]]*\]\]/g;

export const CONTACT_PLACEHOLDER = '[contact removed]';

export type MessagePolicy = 'contact_info' | 'off_platform_payment';

/** The policy a message breaks, if any. */
export function policyViolation(content: string): MessagePolicy | null {
  if (matches(EMAIL, content) || matches(PHONE, content) || CONTACT_APPS.test(content)) return 'contact_info';
  if (OFF_PLATFORM_PAYMENT.test(content)) return 'off_platform_payment';
  return null;
}

/** A transcript turn as readers see it: internal markers gone, contact details replaced, whitespace tidied. */
export function sanitizeTranscriptText(content: string): string {
  return content
    .replace(INTERNAL_MARKER, '')
    .replace(EMAIL, CONTACT_PLACEHOLDER)
    .replace(PHONE, CONTACT_PLACEHOLDER)
    .replace(/\s+/g, ' ')
    .trim();
}

function matches(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  const found = pattern.test(text);
  pattern.lastIndex = 0;
  return found;
}
