import { publicSchemas } from '@opentrain-ai/sdk/schemas';
import type { PublicComponents } from '@opentrain-ai/sdk/types';
import type { JobFields } from './records/jobs.js';

/**
 * The job fields a draft update may set and what a job needs before it can be published: each missing field comes
 * with a ready-to-ask question, its type, allowed values, the keys to send and an example, so an agent can ask a
 * human and patch the answer straight in.
 */

export type UpdateKey = keyof typeof publicSchemas.zJobDraftFields.shape;

/** Every key `PATCH /job-drafts/{jobId}` and `PATCH /jobs/{jobId}` accept, in the spec's order. */
export const UPDATE_KEYS = Object.keys(publicSchemas.zJobDraftFields.shape) as UpdateKey[];

export type JobValidation = PublicComponents['schemas']['JobDraftValidation'];
type MissingField = PublicComponents['schemas']['JobDraftMissingField'];
type Issue = { field: string; code: string; message: string };

const EXPERIENCE_LEVELS = publicSchemas.zJobExperienceLevel.options;
const PAYMENT_TYPES = publicSchemas.zPaymentType.options;
const DATA_VOLUME_UNITS = publicSchemas.zJobDataVolumeUnit.options;

type Prompt = Omit<MissingField, 'field' | 'code'>;

const PROMPTS = {
  jobTitle: {
    label: 'Job title',
    message: 'A job title is required before publishing.',
    prompt: 'ask: What should the job be called? AI trainers see it first in search results.',
    type: 'string',
    enumValues: null,
    updateKeys: ['jobTitle'],
    example: 'Spanish Sentiment Labeling',
    hint: null,
  },
  jobDescription: {
    label: 'Job description',
    message: 'A job description is required before publishing.',
    prompt: 'ask: What will the AI trainers do, on what data, and what does good work look like?',
    type: 'string',
    enumValues: null,
    updateKeys: ['jobDescription'],
    example: 'Label the sentiment of 20,000 Spanish social media posts as positive, negative or neutral.',
    hint: null,
  },
  headcount: {
    label: 'Number of AI trainers',
    message: 'The number of AI trainers to hire is required before publishing.',
    prompt: 'ask: How many AI trainers do you want to hire?',
    type: 'integer',
    enumValues: null,
    updateKeys: ['headcount'],
    example: '3',
    hint: null,
  },
  experienceLevel: {
    label: 'Experience level',
    message: 'Experience level is required before publishing.',
    prompt: `ask: What experience level should AI trainers have? (${EXPERIENCE_LEVELS.join(', ')})`,
    type: 'enum',
    enumValues: EXPERIENCE_LEVELS,
    updateKeys: ['experienceLevel'],
    example: 'INTERMEDIATE',
    hint: 'Pick the minimum level the work realistically needs.',
  },
  paymentType: {
    label: 'Payment type',
    message: 'A payment type and rate are required before publishing.',
    prompt: `ask: How will you pay AI trainers, and how much (USD)? (${PAYMENT_TYPES.join(', ')})`,
    type: 'enum',
    enumValues: PAYMENT_TYPES,
    updateKeys: ['paymentType', 'pricePerLabel', 'pricePerHour', 'fixedPrice'],
    example: 'PAY_PER_HOUR',
    hint: 'Send the matching rate with it: pricePerLabel, pricePerHour or fixedPrice.',
  },
  pricePerLabel: {
    label: 'Price per label',
    message: 'A pay rate is required before publishing.',
    prompt: 'ask: How much will you pay per label (USD)?',
    type: 'number',
    enumValues: null,
    updateKeys: ['pricePerLabel'],
    example: '0.05',
    hint: null,
  },
  pricePerHour: {
    label: 'Hourly rate',
    message: 'A pay rate is required before publishing.',
    prompt: 'ask: How much will you pay per hour (USD)?',
    type: 'number',
    enumValues: null,
    updateKeys: ['pricePerHour'],
    example: '18',
    hint: null,
  },
  fixedPrice: {
    label: 'Fixed price',
    message: 'A price is required before publishing.',
    prompt: 'ask: What is the fixed price for the whole job (USD)?',
    type: 'number',
    enumValues: null,
    updateKeys: ['fixedPrice'],
    example: '500',
    hint: null,
  },
  dataVolumeUnit: {
    label: 'Data volume unit',
    message: 'How the amount of data is measured is required before publishing.',
    prompt: `ask: How is the amount of data measured, and how much is there? (${DATA_VOLUME_UNITS.join(', ')})`,
    type: 'enum',
    enumValues: DATA_VOLUME_UNITS,
    updateKeys: ['dataVolumeUnit', 'dataVolume'],
    example: 'NUMBER_OF_FILES',
    hint: 'Use UNKNOWN_NOT_SPECIFIED when the amount is not known yet.',
  },
  dataVolume: {
    label: 'Data volume',
    message: 'The amount of data is required before publishing.',
    prompt: 'ask: How much data is there, counted in the unit you chose?',
    type: 'number',
    enumValues: null,
    updateKeys: ['dataVolume'],
    example: '10000',
    hint: null,
  },
} satisfies Record<string, Prompt>;

type RequiredField = keyof typeof PROMPTS;

const RATE_FIELDS = {
  PAY_PER_LABEL: 'pricePerLabel',
  PAY_PER_HOUR: 'pricePerHour',
  FIXED_PRICE: 'fixedPrice',
} as const;

/** The rate field that goes with a payment type (only that one counts; the others are ignored). */
export function rateFieldOf(paymentType: JobFields['paymentType']) {
  return paymentType ? RATE_FIELDS[paymentType] : undefined;
}

/** The required fields that are still empty, in the order a human is best asked about them. */
function missingKeys(fields: JobFields): RequiredField[] {
  const missing: RequiredField[] = [];
  if (!fields.jobTitle?.trim()) missing.push('jobTitle');
  if (!fields.jobDescription?.trim()) missing.push('jobDescription');
  if (fields.headcount === undefined) missing.push('headcount');
  if (fields.experienceLevel === undefined) missing.push('experienceLevel');
  const rateField = rateFieldOf(fields.paymentType);
  if (!rateField) missing.push('paymentType');
  else if (fields[rateField] === undefined) missing.push(rateField);
  if (fields.dataVolumeUnit === undefined) missing.push('dataVolumeUnit');
  else if (fields.dataVolumeUnit !== 'UNKNOWN_NOT_SPECIFIED' && fields.dataVolume === undefined)
    missing.push('dataVolume');
  return missing;
}

/** Values that are present but cannot be published as they are. */
function issuesOf(fields: JobFields): Issue[] {
  const issues: Issue[] = [];
  const rateField = rateFieldOf(fields.paymentType);
  const rate = rateField ? fields[rateField] : undefined;
  if (rateField && rate !== undefined && rate <= 0) {
    issues.push({ field: rateField, code: 'invalid_value', message: `${rateField} must be greater than 0 (USD).` });
  }
  if (fields.dataVolume !== undefined && fields.dataVolume <= 0) {
    issues.push({ field: 'dataVolume', code: 'invalid_value', message: 'dataVolume must be greater than 0.' });
  }
  if (fields.headcount !== undefined && fields.headcount > 1000) {
    issues.push({ field: 'headcount', code: 'invalid_value', message: 'headcount must be at most 1000.' });
  }
  if (fields.jobTitle !== undefined && fields.jobTitle.length > 200) {
    issues.push({ field: 'jobTitle', code: 'too_long', message: 'jobTitle must be at most 200 characters.' });
  }
  const badCountries = (fields.countries ?? []).filter((country) => !/^[A-Z]{2}$/.test(country));
  if (badCountries.length > 0) {
    issues.push({
      field: 'countries',
      code: 'invalid_value',
      message: `countries must be ISO 3166-1 alpha-2 codes such as US; not ${badCountries.map((c) => JSON.stringify(c)).join(', ')}.`,
    });
  }
  return issues;
}

export function validateJob(fields: JobFields): JobValidation {
  const missingFields = missingKeys(fields).map(
    (field): MissingField => ({ field, code: 'missing_required_field', ...PROMPTS[field] }),
  );
  const issues = issuesOf(fields);
  return {
    publishReady: missingFields.length === 0 && issues.length === 0,
    issueCount: issues.length,
    missingFieldCount: missingFields.length,
    missingFields,
    issues,
  };
}
