import { type DerivedRandom, derivedRandom } from './derived-random.js';
import { roundUsd } from './funding.js';
import type { BidUnit, FreelancerRecord, InterviewRecord, ProposalRecord } from './records/hiring.js';
import type { JobRecord } from './records/jobs.js';
import type { PaymentType } from './records/money.js';
import { maskedName } from './trainers.js';

/**
 * What a simulated AI trainer sends when applying to a job: a bid in the job's payment terms, a cover letter, the
 * match score and the AI interview. Everything is derived from the seed, the job and the trainer, so the same
 * application comes out whenever and however often it is computed.
 */

export type Application = Pick<ProposalRecord, 'bid' | 'coverLetter' | 'metrics' | 'interview' | 'locationCheckedAt'>;

const MINUTE_MS = 60 * 1000;

export function draftApplication(
  seed: number,
  job: JobRecord,
  trainer: FreelancerRecord,
  appliedAt: number,
): Application {
  const random = derivedRandom(seed, `application:${job.id}:${trainer.id}`);
  const interview = interviewFor(random, job, trainer, appliedAt);
  return {
    bid: bidFor(random, job, trainer),
    coverLetter: coverLetterFor(random, job, trainer),
    metrics: { interviewScore: interview?.score ?? null, matchScore: matchScore(random, job, trainer) },
    interview,
    locationCheckedAt: new Date(appliedAt - 2 * MINUTE_MS).toISOString(),
  };
}

/** The job's title as the employer wrote it (drafts keep it in `fields.jobTitle` until published). */
export function jobTitleOf(job: JobRecord): string {
  return job.title || job.fields.jobTitle || 'Untitled job';
}

/** The job's payment type; hourly when the job does not say. */
export function paymentTypeOf(job: JobRecord): PaymentType {
  return job.fields.paymentType ?? 'PAY_PER_HOUR';
}

/** The job's posted rate for its payment type, in USD; null when the job names none. */
export function postedRateOf(job: JobRecord): number | null {
  const rate = {
    PAY_PER_LABEL: job.fields.pricePerLabel,
    PAY_PER_HOUR: job.fields.pricePerHour,
    FIXED_PRICE: job.fields.fixedPrice,
  }[paymentTypeOf(job)];
  return typeof rate === 'number' && rate > 0 ? rate : null;
}

const BID_UNIT: Record<PaymentType, BidUnit> = {
  PAY_PER_LABEL: 'PER_LABEL',
  PAY_PER_HOUR: 'PER_HOUR',
  FIXED_PRICE: 'FIXED_PRICE',
};

/** Near the job's posted rate (or the trainer's own rate when the job names none). */
function bidFor(random: DerivedRandom, job: JobRecord, trainer: FreelancerRecord): ProposalRecord['bid'] {
  const paymentType = paymentTypeOf(job);
  const posted = postedRateOf(job);
  const spread = 0.85 + random.next() * 0.35;
  if (paymentType === 'PAY_PER_LABEL') {
    const amountUsd = Math.round((posted ?? 0.05) * spread * 1000) / 1000;
    return { amountUsd, unit: BID_UNIT[paymentType], labelerHourlyRateUsd: null };
  }
  if (paymentType === 'FIXED_PRICE') {
    return { amountUsd: Math.round((posted ?? 500) * spread), unit: BID_UNIT[paymentType], labelerHourlyRateUsd: null };
  }
  const amountUsd = roundUsd((posted ?? trainer.hourlyRateUsd ?? 15) * spread);
  return { amountUsd, unit: BID_UNIT[paymentType], labelerHourlyRateUsd: amountUsd };
}

function coverLetterFor(random: DerivedRandom, job: JobRecord, trainer: FreelancerRecord): string {
  const { firstName } = maskedName(trainer);
  const intro = firstName === 'Freelancer' ? 'Hello!' : `Hello, I'm ${firstName}.`;
  const start = random.pick(['this week', 'on Monday', 'right away', 'within two days']);
  const hours = trainer.availability === 'FULL_TIME' ? 'full time' : `about ${random.int(15, 25)} hours a week`;
  return [
    `${intro} I'm ${withArticle(trainer.title)} based in ${trainer.city ?? trainer.country}.`,
    `"${jobTitleOf(job)}" is close to what I do best: ${experienceOf(trainer)}.`,
    `I can start ${start} and work ${hours}, and I always ask about unclear guideline cases before labeling at volume.`,
  ].join(' ');
}

/** 0–1: how well the trainer's languages, data types and label types cover what the job asks for. */
function matchScore(random: DerivedRandom, job: JobRecord, trainer: FreelancerRecord): number {
  const wanted = {
    languages: stringList(job.fields.languages),
    dataTypes: stringList(job.fields.dataType),
    labelTypes: stringList(job.fields.labelTypes),
  };
  const has = {
    languages: trainer.languages.map((entry) => entry.language.toLowerCase()),
    dataTypes: trainer.skills.dataTypes.map((type) => type.toLowerCase()),
    labelTypes: trainer.skills.labelTypes.map((type) => type.toLowerCase()),
  };
  const asked = (Object.keys(wanted) as (keyof typeof wanted)[]).filter((key) => wanted[key].length > 0);
  if (asked.length === 0) return Math.round((0.5 + random.next() * 0.4) * 100) / 100;
  const covered = asked.filter((key) => wanted[key].some((item) => has[key].includes(item))).length;
  const score = 0.45 + (0.45 * covered) / asked.length + random.next() * 0.09;
  return Math.round(Math.min(score, 0.99) * 100) / 100;
}

function stringList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.filter((item): item is string => typeof item === 'string').map((item) => item.toLowerCase());
}

/** The trainer's latest labeling project in a few words, to quote mid-sentence. */
function experienceOf(trainer: FreelancerRecord): string {
  const text = (trainer.labelExperience[0]?.description ?? trainer.bio).replace(/\.$/, '');
  return text.charAt(0).toLowerCase() + text.slice(1);
}

const withArticle = (title: string) => `${/^[aeiou]/i.test(title) ? 'an' : 'a'} ${title}`;

const STRENGTHS = [
  'Strong grasp of guideline edge cases',
  'Careful, consistent labeling decisions',
  'Quick to spot ambiguous items',
  'Solid domain knowledge',
];
const COMMUNICATION = ['clear communication', 'concise, structured answers', 'asks good clarifying questions'];

/**
 * The recorded interview, as the engine stores it: the candidate's answers may still carry internal rubric markers
 * and contact details, which every view sanitizes away.
 */
function interviewFor(
  random: DerivedRandom,
  job: JobRecord,
  trainer: FreelancerRecord,
  appliedAt: number,
): InterviewRecord | null {
  if (trainer.interviewStyle === 'none') return null;
  const native = trainer.languages.find((entry) => entry.proficiency === 'NATIVE')?.language ?? 'English';
  const interview: InterviewRecord = {
    id: `int_${random.token(12)}`,
    score: random.int(62, 97),
    summary: `${random.pick(STRENGTHS)}; ${random.pick(COMMUNICATION)}; native ${native} speaker with hands-on experience: ${experienceOf(trainer)}.`,
    turns: [],
  };
  if (trainer.interviewStyle === 'empty') return interview;

  const hours = trainer.availability === 'FULL_TIME' ? random.int(35, 45) : random.int(12, 25);
  const script: [role: 'interviewer' | 'candidate', content: string][] = [
    ['interviewer', `Tell me about your experience with work like "${jobTitleOf(job)}".`],
    ['candidate', `${trainer.bio} [[rubric:experience=${random.int(3, 5)}]] Most recently: ${experienceOf(trainer)}.`],
    ['interviewer', 'What do you do when an item is not covered by the guidelines?'],
    [
      'candidate',
      `I label it as unsure, note why, and ask for a ruling before I label similar items. [[rubric:judgement=${random.int(3, 5)}]] If it is quicker, you can reach me at ${trainer.slug}@mailbox.example or +44 7700 900${random.int(100, 999)}.`,
    ],
    ['interviewer', 'How many hours a week could you give this project?'],
    ['candidate', `About ${hours} hours a week, starting right away.`],
  ];
  const startedAt = appliedAt - 30 * MINUTE_MS;
  interview.turns = script.map(([role, content], n) => ({
    id: `imsg_${random.token(12)}`,
    role,
    content,
    sentAt: new Date(startedAt + n * MINUTE_MS).toISOString(),
  }));
  return interview;
}
