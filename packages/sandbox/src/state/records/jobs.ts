/** Records of the jobs family (drafts, live jobs, the marketplace). Other families read them; only jobs routes write. */

import type { PublicComponents } from '@opentrain-ai/sdk/types';
import type { PaymentType } from './money.js';

type Schemas = PublicComponents['schemas'];

export type JobStatus = Schemas['JobStatus'];
export type ExperienceLevel = Schemas['JobExperienceLevel'];
export type DataVolumeUnit = Schemas['JobDataVolumeUnit'];
export type JobImportFormat = Schemas['JobImportFormat'];

/**
 * The job's fields by their draft update keys (`PATCH /job-drafts/{jobId}`); a key is absent until it is known.
 * The index signature lets readers look a key up by name (`job.fields[key]`) and get `unknown`.
 */
export interface JobFields {
  [key: string]: unknown;
  jobTitle?: string;
  jobDescription?: string;
  labelingOverview?: string;
  datasetDescription?: string;
  /** e.g. `Audio`, `Image`, `Text`, `Video`. */
  dataType?: string;
  subjectMatter?: string;
  dataVolume?: number;
  dataVolumeUnit?: DataVolumeUnit;
  labelingSoftware?: string;
  headcount?: number;
  experienceLevel?: ExperienceLevel;
  paymentType?: PaymentType;
  /** USD; only the rate matching `paymentType` counts. */
  pricePerHour?: number;
  pricePerLabel?: number;
  fixedPrice?: number;
  /** ISO 3166-1 alpha-2 codes; empty or absent means any country. */
  countries?: string[];
  languages?: string[];
  labelTypes?: string[];
  aiInterviewRequirements?: unknown;
  budgetRange?: unknown;
  workloadDesc?: unknown;
  timeRequirement?: unknown;
  projectDuration?: unknown;
  freelancerType?: unknown;
  projectScope?: unknown;
  visibility?: unknown;
}

export type JobListingEventType = Schemas['JobChangeEventType'];

/** A change to the job's public listing; `GET /jobs/changes` reads these, other families may react to them. */
export interface JobListingChange {
  eventType: JobListingEventType;
  occurredAt: string;
}

/** An input value of a structured import that no job field took. */
export interface UnmappedInput {
  path: string;
  reason: string;
  valuePreview?: string;
}

/** An AI trainer invited to the job; the invite created (or found) the proposal `proposalId`. */
export interface JobInvite {
  freelancerId: string;
  proposalId: string;
  createdAt: string;
}

export interface JobRecord {
  id: string;
  accountId: string;
  status: JobStatus;
  /** Creation order, for stable newest-first listings and cursors. */
  sequence: number;
  /** Derived from the title; the public URL is `/jobs/<slug>-<id>`. */
  slug: string;
  /** The current title (mirrors `fields.jobTitle`), or null while the draft has none. */
  title: string | null;
  /** The plain-text description the draft was made from. */
  description: string;
  /** The current job fields by their update keys (title and description included). */
  fields: JobFields;
  importFormat: JobImportFormat;
  externalId: string | null;
  /** The creation retry key; a repeat of it returns this job instead of a new draft. */
  idempotencyKey: string | null;
  /** A short fingerprint of the creation body, to warn when a retry key comes back with a different body. */
  requestFingerprint: string;
  /** Fields the parser guessed rather than read; listed so a human can check them. */
  lowConfidenceFields: string[];
  unmapped: UnmappedInput[];
  /** Non-blocking remarks from the import, repeated in the draft answers. */
  warnings: string[];
  /** Every publish, live edit and close of the public listing, oldest first. */
  listingChanges: JobListingChange[];
  publishAttemptId: string | null;
  /** The last publish (a job moved back to draft by moderation and published again gets a new one). */
  publishedAt: string | null;
  closedAt: string | null;
  invites: JobInvite[];
  createdAt: string;
  updatedAt: string;
}
