import type { JobFields } from './records/jobs.js';

/**
 * Content moderation of a job, run on every publish and live edit. The sandbox's rules are fixed phrases, so a test
 * can trigger a block on purpose: asking trainers to get in touch off the platform, to be paid outside it, or to pay
 * a fee. Everything else is allowed.
 */

export interface ModerationVerdict {
  decision: 'ALLOW' | 'BLOCK';
  reasons: string[];
}

const RULES: { pattern: RegExp; reason: string }[] = [
  {
    pattern:
      /\b(?:whatsapp|telegram|wechat|skype)\b|\b(?:contact|email|e-mail|text|call|message) me (?:directly )?(?:at|on|via)\b|[\w.+-]+@[\w-]+\.[A-Za-z]{2,}/i,
    reason: 'Requests personal contact details off-platform',
  },
  {
    pattern:
      /\b(?:paid|pay|payment|payments)\s+(?:via|through|by|in|with|over)\s+(?:paypal|venmo|cash ?app|western union|bitcoin|crypto(?:currency)?|gift cards?)\b/i,
    reason: 'Arranges payment outside OpenTrain',
  },
  {
    pattern: /\b(?:registration|training|application|starter|onboarding) fee\b|\bpay (?:a|an|the) (?:small )?fee\b/i,
    reason: 'Charges AI trainers a fee to take part',
  },
];

/** The free-text fields a human wrote. */
const TEXT_FIELDS = ['jobTitle', 'jobDescription', 'labelingOverview', 'datasetDescription', 'subjectMatter'] as const;

export function moderateJob(fields: JobFields): ModerationVerdict {
  const text = TEXT_FIELDS.map((key) => fields[key] ?? '').join('\n');
  const reasons = RULES.filter((rule) => rule.pattern.test(text)).map((rule) => rule.reason);
  return { decision: reasons.length > 0 ? 'BLOCK' : 'ALLOW', reasons };
}
