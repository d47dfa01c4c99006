import type { PublicComponents } from '@opentrain-ai/sdk/types';
import { rateFieldOf } from './job-fields.js';
import { jobValidation } from './jobs.js';
import type { ExperienceLevel, JobRecord } from './records/jobs.js';
import type { SandboxState } from './types.js';

/** The wire forms of a job: the draft answer, the owner's list entry and the public marketplace listing. */

type Schemas = PublicComponents['schemas'];

/** How long a listing stays valid after it is posted. */
const LISTING_DAYS = 56;
const DAY_MS = 24 * 60 * 60 * 1000;

export const draftUrlOf = (origin: string, job: JobRecord) => `${origin}/job-post?jobId=${encodeURIComponent(job.id)}`;
export const jobUrlOf = (origin: string, job: JobRecord) => `${origin}/jobs/${encodeURIComponent(job.id)}`;

/** The answer of `POST /job-drafts` and `PATCH /job-drafts/{jobId}`. */
export function draftResultView(
  job: JobRecord,
  origin: string,
  extraWarnings: string[] = [],
): Schemas['JobDraftResult'] {
  const validation = jobValidation(job);
  const { jobDescription, ...rest } = job.fields;
  // The description is left out when it is just the plain text that was sent.
  const echoesText = job.importFormat === 'text' && jobDescription === job.description;
  const normalizedFields = echoesText ? rest : job.fields;
  return {
    ok: true,
    jobId: job.id,
    status: job.status,
    draftUrl: draftUrlOf(origin, job),
    reviewUrl: draftUrlOf(origin, job),
    validation,
    missingFields: validation.missingFields,
    normalizedFields,
    warnings: [...job.warnings, ...extraWarnings],
    unmapped: job.unmapped,
    lowConfidenceFields: job.lowConfidenceFields,
  };
}

/** An entry of `GET /jobs/mine`. */
export function myJobView(state: SandboxState, job: JobRecord, origin: string): Schemas['MyJob'] {
  const proposals = Object.values(state.proposals).filter((proposal) => proposal.jobId === job.id);
  return {
    id: job.id,
    title: job.title,
    status: job.status,
    published: job.publishedAt !== null && job.status !== 'DRAFT',
    acceptingApplicants: job.status === 'OPEN',
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    jobUrl: jobUrlOf(origin, job),
    proposalCounts: {
      total: proposals.length,
      unreviewed: proposals.filter((proposal) => proposal.status === 'UNREVIEWED').length,
    },
  };
}

const EXPERIENCE_LABELS: Record<ExperienceLevel, string> = {
  EXPERT: 'Expert',
  INTERMEDIATE: 'Intermediate',
  ENTRY_LEVEL: 'Entry level',
  ANY_EXPERIENCE_LEVEL: 'Any experience level',
};

export const categoryOf = (job: JobRecord) =>
  job.fields.dataType ? `${job.fields.dataType} Annotation` : 'Data Labeling';

/** A listed job as the marketplace shows it (only open jobs are listed). */
export function publicJobView(state: SandboxState, job: JobRecord, origin: string): Schemas['PublicJob'] {
  const { fields } = job;
  const account = state.accounts[job.accountId];
  const posted = Date.parse(job.publishedAt ?? job.createdAt);
  const description = fields.jobDescription ?? job.description;
  const paymentType = fields.paymentType ?? 'PAY_PER_HOUR';
  const rateField = rateFieldOf(paymentType);
  const amount = rateField ? (fields[rateField] ?? null) : null;
  const rate = (type: typeof paymentType) => (paymentType === type ? amount : null);
  return {
    id: job.id,
    slug: job.slug,
    title: job.title ?? 'Untitled job',
    companyName: account?.organizationName ?? account?.agentName ?? 'OpenTrain employer',
    descriptionText: description,
    descriptionHtml: textToHtml(description),
    seoTitle: null,
    summary: null,
    status: job.status,
    datePosted: new Date(posted).toISOString(),
    validThrough: new Date(posted + LISTING_DAYS * DAY_MS).toISOString(),
    updatedAt: job.updatedAt,
    employmentTypes: ['CONTRACTOR'],
    countries: fields.countries ?? [],
    languages: fields.languages ?? [],
    category: categoryOf(job),
    dataType: fields.dataType ?? 'Other',
    labelTypes: fields.labelTypes ?? [],
    labelingSoftware: fields.labelingSoftware ?? null,
    experienceLevel: fields.experienceLevel ? EXPERIENCE_LABELS[fields.experienceLevel] : 'Any experience level',
    skills: fields.labelTypes ?? [],
    pay: {
      paymentType,
      currency: 'USD',
      hourlyRate: rate('PAY_PER_HOUR'),
      hourlyMin: null,
      hourlyMax: null,
      fixedPrice: rate('FIXED_PRICE'),
      perLabelRate: rate('PAY_PER_LABEL'),
    },
    url: `${origin}/jobs/${job.slug}-${encodeURIComponent(job.id)}`,
    applyUrl: `${origin}/api/out?job=${encodeURIComponent(job.id)}&src=www_seo`,
  };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Paragraphs (blank-line separated) become `<p>`, single line breaks `<br>`; everything else is escaped text. */
function textToHtml(text: string): string {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map(
      (paragraph) =>
        `<p>${paragraph.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch).replace(/\r?\n/g, '<br>')}</p>`,
    )
    .join('');
}
