import type { PublicComponents } from '@opentrain-ai/sdk/types';
import { derivedRandom } from './derived-random.js';
import { roundUsd } from './funding.js';
import type { FreelancerRecord, FreelancerReviewRecord } from './records/hiring.js';
import { REVIEW_COMMENTS, TRAINER_CATALOG, type TrainerProfile } from './trainer-catalog.js';
import type { SandboxState } from './types.js';

type Schemas = PublicComponents['schemas'];

/**
 * The simulated AI trainers: a pool of profiles that is a pure function of the sandbox seed (same seed, same ids,
 * rates and ratings), plus the masked views every surface shows. A trainer is copied into `state.freelancers` the
 * first time it takes part in something (applies to a job), so other families can read it from the state.
 */

const pools = new Map<number, readonly FreelancerRecord[]>();

/** Shared by every sandbox with this seed, so frozen: change a trainer through `materialiseTrainer`'s copy. */
export function trainerPool(seed: number): readonly FreelancerRecord[] {
  let pool = pools.get(seed);
  if (!pool) {
    pool = deepFreeze(TRAINER_CATALOG.map((profile, index) => buildTrainer(seed, profile, index)));
    pools.set(seed, pool);
  }
  return pool;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** A trainer by user id or profile slug (slugs match in any letter case); stored trainers win over the pool. */
export function findTrainer(state: SandboxState, idOrSlug: string): FreelancerRecord | undefined {
  const slug = idOrSlug.toLowerCase();
  const matches = (trainer: FreelancerRecord) => trainer.id === idOrSlug || trainer.slug === slug;
  return (
    state.freelancers[idOrSlug] ??
    Object.values(state.freelancers).find(matches) ??
    trainerPool(state.seed).find(matches)
  );
}

/** The stored copy of a trainer, created from the pool on first use. */
export function materialiseTrainer(state: SandboxState, trainer: FreelancerRecord): FreelancerRecord {
  const stored = state.freelancers[trainer.id];
  if (stored) return stored;
  const copy = structuredClone(trainer);
  state.freelancers[copy.id] = copy;
  return copy;
}

/**
 * First name plus last initial, never more: "Lucía R.". A trainer without a name is "Freelancer", as the API
 * substitutes.
 */
export function maskedName(trainer: FreelancerRecord) {
  const firstName = trainer.firstName.trim();
  const initial = trainer.lastName.trim().charAt(0).toUpperCase();
  if (!firstName) return { displayName: 'Freelancer', firstName: 'Freelancer', lastNameInitial: initial };
  return { displayName: initial ? `${firstName} ${initial}.` : firstName, firstName, lastNameInitial: initial };
}

export const profilePath = (trainer: FreelancerRecord) => `/profile/${trainer.slug}`;

/** The `candidate` object of a proposal. */
export function candidateView(trainer: FreelancerRecord): Schemas['ProposalCandidate'] {
  return {
    id: trainer.id,
    profileSlug: trainer.slug,
    ...maskedName(trainer),
    profileTitle: trainer.title,
    profilePhotoUrl: null,
    countryCode: trainer.countryCode,
    country: trainer.country,
    talentType: 'FREELANCER',
    highestEarningsUsd: trainer.highestEarningsUsd,
    reviewCount: trainer.stats.reviewCount,
  };
}

/** `GET /freelancers/{idOrSlug}`: the public profile, masked; there is no email field to leak. */
export function profileView(trainer: FreelancerRecord): Schemas['FreelancerProfile'] {
  return {
    id: trainer.id,
    profileSlug: trainer.slug,
    profilePath: profilePath(trainer),
    ...maskedName(trainer),
    talentType: 'Individual',
    title: trainer.title,
    bio: trainer.bio,
    city: trainer.city,
    countryCode: trainer.countryCode,
    country: trainer.country,
    profilePhotoUrl: null,
    hourlyRateUsd: trainer.hourlyRateUsd,
    availability: trainer.availability,
    expertiseLevel: trainer.expertiseLevel,
    englishLevel: trainer.englishLevel,
    memberSince: trainer.memberSince,
    identityVerified: trainer.identityVerified,
    skills: structuredClone(trainer.skills),
    languages: structuredClone(trainer.languages),
    stats: { ...trainer.stats },
    agency: null,
    labelExperience: structuredClone(trainer.labelExperience),
    workExperience: [],
    education: [],
    reviews: structuredClone(trainer.reviews),
  };
}

function buildTrainer(seed: number, profile: TrainerProfile, index: number): FreelancerRecord {
  const random = derivedRandom(seed, `trainer:${index}`);
  const id = `usr_${random.token(12)}`;
  const hourlyRateUsd = profile.baseHourlyRateUsd + random.int(-2, 3);
  const stats = profile.newcomer ? newcomerStats() : experiencedStats(random, hourlyRateUsd);
  return {
    id,
    slug: slugFor(profile, id),
    firstName: profile.firstName,
    lastName: profile.lastName,
    country: profile.country,
    countryCode: profile.countryCode,
    city: profile.city,
    title: profile.title,
    bio: profile.bio,
    hourlyRateUsd,
    availability: profile.availability,
    expertiseLevel: profile.expertiseLevel,
    englishLevel: profile.englishLevel,
    memberSince: profile.memberSince,
    identityVerified: profile.identityVerified,
    highestEarningsUsd: roundUsd(stats.totalEarnedUsd * (0.2 + random.next() * 0.4)),
    skills: structuredClone(profile.skills),
    languages: structuredClone(profile.languages),
    stats,
    labelExperience: profile.labelExperience.map((entry) => ({
      id: `lex_${random.token(10)}`,
      ...structuredClone(entry),
      ongoing: entry.toYear === null,
    })),
    reviews: reviewsFor(random, profile, stats),
    interviewStyle: profile.interviewStyle,
  };
}

function newcomerStats(): FreelancerRecord['stats'] {
  return { totalEarnedUsd: 0, billedHours: 0, jobSuccessScore: null, reviewCount: 0, averageRating: null };
}

function experiencedStats(random: ReturnType<typeof derivedRandom>, hourlyRateUsd: number): FreelancerRecord['stats'] {
  const billedHours = random.int(80, 2400);
  return {
    totalEarnedUsd: roundUsd(billedHours * hourlyRateUsd * (0.8 + random.next() * 0.2)),
    billedHours,
    jobSuccessScore: random.int(82, 100),
    reviewCount: random.int(3, 40),
    averageRating: Math.round((4.2 + random.next() * 0.8) * 10) / 10,
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Up to three of the trainer's most recent reviews, each near the average rating. */
function reviewsFor(
  random: ReturnType<typeof derivedRandom>,
  profile: TrainerProfile,
  stats: FreelancerRecord['stats'],
): FreelancerReviewRecord[] {
  const shown = Math.min(stats.reviewCount, 3);
  const average = stats.averageRating ?? 5;
  const comments = random.sample(REVIEW_COMMENTS, shown);
  return comments.map((comment, n) => ({
    id: `rev_${random.token(10)}`,
    rating: Math.min(5, Math.max(1, Math.round(average + (random.next() - 0.5)))),
    comment,
    createdAt: new Date(Date.parse(profile.memberSince) + (shown - n) * 45 * DAY_MS).toISOString(),
  }));
}

/** "Lucía Romero" → `lucia-r`; a trainer without a name gets `freelancer-` and part of the id. */
function slugFor(profile: TrainerProfile, id: string): string {
  const first = asciiSlug(profile.firstName);
  if (!first) return `freelancer-${id.slice(4, 10)}`;
  const initial = asciiSlug(profile.lastName).charAt(0);
  return initial ? `${first}-${initial}` : first;
}

const asciiSlug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
