/** Records of the hiring family: the simulated AI trainers, proposals and conversations. */

import type { PublicComponents } from '@opentrain-ai/sdk/types';

export interface FreelancerSkillsRecord {
  subjectMatter: string[];
  tags: string[];
  software: string[];
  dataTypes: string[];
  labelTypes: string[];
}

export interface FreelancerLanguageRecord {
  language: string;
  proficiency: string;
}

export interface FreelancerStatsRecord {
  totalEarnedUsd: number;
  billedHours: number;
  /** Null for a newcomer without finished jobs. */
  jobSuccessScore: number | null;
  reviewCount: number;
  /** Null without reviews. */
  averageRating: number | null;
}

export interface LabelExperienceRecord {
  id: string;
  title: string;
  description: string;
  fromYear: number;
  toYear: number | null;
  ongoing: boolean;
  software: string;
  dataType: string;
  labelTypes: string[];
}

export interface FreelancerReviewRecord {
  id: string;
  rating: number;
  comment: string;
  createdAt: string;
}

/** How a trainer's AI interview went: a full transcript, an interview without turns, or no interview at all. */
export type InterviewStyle = 'full' | 'empty' | 'none';

export interface FreelancerRecord {
  /** The trainer's user id. */
  id: string;
  slug: string;
  /** Empty when the trainer never gave a name; every view then says "Freelancer" (see `maskedName`). */
  firstName: string;
  lastName: string;
  country: string;
  countryCode: string;
  city: string | null;
  title: string;
  bio: string;
  hourlyRateUsd: number | null;
  availability: string;
  expertiseLevel: string;
  englishLevel: string;
  memberSince: string;
  identityVerified: boolean;
  highestEarningsUsd: number;
  skills: FreelancerSkillsRecord;
  languages: FreelancerLanguageRecord[];
  stats: FreelancerStatsRecord;
  labelExperience: LabelExperienceRecord[];
  reviews: FreelancerReviewRecord[];
  interviewStyle: InterviewStyle;
}

export type ProposalStatusCode = PublicComponents['schemas']['ProposalStatusCode'];

export type BidUnit = 'PER_LABEL' | 'PER_HOUR' | 'FIXED_PRICE';

export interface InterviewTurnRecord {
  id: string;
  role: 'interviewer' | 'candidate';
  /** As recorded, before sanitizing: may hold internal markers and contact details the views strip. */
  content: string;
  sentAt: string;
}

export interface InterviewRecord {
  id: string;
  score: number;
  summary: string;
  turns: InterviewTurnRecord[];
}

export interface ProposalRecord {
  id: string;
  accountId: string;
  jobId: string;
  freelancerId: string;
  /** The spec's proposal status code, e.g. `UNREVIEWED`, `HIRED`. */
  status: ProposalStatusCode;
  bid: { amountUsd: number; unit: BidUnit; labelerHourlyRateUsd: number | null };
  coverLetter: string;
  metrics: { interviewScore: number | null; matchScore: number | null };
  /** Null when the trainer skipped the AI interview. */
  interview: InterviewRecord | null;
  locationCheckedAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface ConversationRecord {
  id: string;
  accountId: string;
  freelancerId: string;
  /** `proposal`: the pre-hire thread (employer-first); `job`: the post-hire thread opened by a confirmed hire. */
  kind: 'proposal' | 'job';
  proposalId: string | null;
  jobId: string | null;
  contractId: string | null;
  /** Set when the AI trainer blocked messaging in this thread; sending then answers 409 `message_blocked`. */
  blockedAt: string | null;
  /** The highest message sequence the employer has read. */
  employerReadSequence: number;
  /** When the trainer's next reply is due (an employer message is waiting for one). */
  replyDueAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MessageRecord {
  id: string;
  conversationId: string;
  /** Orders messages within and across conversations; also the read marker's unit. */
  sequence: number;
  sender: 'employer' | 'freelancer';
  senderUserId: string;
  content: string;
  createdAt: string;
}
