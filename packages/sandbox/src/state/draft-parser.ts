import { COUNTRIES, KNOWN_LANGUAGES, LABEL_TYPES, LABELING_SOFTWARE, type LabelType } from './draft-vocabulary.js';
import type { DataVolumeUnit, ExperienceLevel, JobFields } from './records/jobs.js';

/**
 * Reads job fields out of a plain-text description with fixed rules, so the same text always gives the same draft:
 * headcount, pay type and rate, languages, countries, data volume and unit, label types, data type, labeling tool,
 * experience level and a title. Anything the rules cannot find stays absent and shows up as a missing field.
 */

export interface ParsedDescription {
  fields: JobFields;
  /** Keys whose values were inferred from loose wording (e.g. a composed title) rather than read outright. */
  lowConfidenceFields: string[];
  /** Things the text seems to say that the rules could not place. */
  warnings: string[];
}

export function parseJobDescription(text: string): ParsedDescription {
  const fields: JobFields = {};
  const lowConfidenceFields: string[] = [];
  const description = text.trim();
  if (description) fields.jobDescription = description;

  const headcount = findHeadcount(description);
  if (headcount !== undefined) fields.headcount = headcount;
  Object.assign(fields, findPay(description));

  const languages = findLanguages(description);
  if (languages.length > 0) fields.languages = languages;
  const countries = findCountries(description);
  if (countries.length > 0) fields.countries = countries;

  const volume = findDataVolume(description);
  if (volume) {
    fields.dataVolume = volume.amount;
    fields.dataVolumeUnit = volume.unit;
  }
  const labelTypes = findLabelTypes(description);
  if (labelTypes.length > 0) fields.labelTypes = labelTypes.map((type) => type.name);
  const dataType = volume?.dataType ?? findDataType(description);
  if (dataType) fields.dataType = dataType;
  const software = findLabelingSoftware(description);
  if (software) fields.labelingSoftware = software;

  const experience = findExperienceLevel(description);
  if (experience) {
    fields.experienceLevel = experience.level;
    if (experience.loose) lowConfidenceFields.push('experienceLevel');
  }

  const title = findTitle(description, languages, labelTypes, dataType);
  if (title) {
    fields.jobTitle = title.value;
    if (title.composed) lowConfidenceFields.push('jobTitle');
  }
  const warnings: string[] = [];
  const amount = fields.paymentType ? undefined : new RegExp(AMOUNT, 'i').exec(description)?.[0];
  if (amount) {
    warnings.push(
      `The description mentions ${amount.trim()} but not what it pays for; set paymentType and its rate (pricePerHour, pricePerLabel or fixedPrice).`,
    );
  }
  return { fields, lowConfidenceFields, warnings };
}

// Numbers -------------------------------------------------------------------------------------------------------

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
};

/** A quantity such as `10,000`, `2.5`, `20k` or `1.5 million`; the digits must not be part of a price. */
const QUANTITY = String.raw`(?<![$\d.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s?(k|thousand|million)\b)?`;

const MULTIPLIERS: Record<string, number> = { k: 1_000, thousand: 1_000, million: 1_000_000 };

function quantityValue(digits: string, multiplier: string | undefined): number {
  const base = Number(digits.replace(/,/g, ''));
  const factor = MULTIPLIERS[multiplier?.toLowerCase() ?? ''] ?? 1;
  return Math.round(base * factor * 100) / 100;
}

/** Up to `n` plain words between a number and its noun ("5 fluent Spanish speakers"). */
const wordsBetween = (n: number) => String.raw`(?:[A-Za-z][A-Za-z'-]*\s+){0,${n}}?`;

// Headcount -----------------------------------------------------------------------------------------------------

const PEOPLE = [
  'annotators?',
  'label(?:l)?ers?',
  'ai trainers?',
  'trainers?',
  'transcribers?',
  'translators?',
  'speakers?',
  'people',
  'persons?',
  'workers?',
  'freelancers?',
  'raters?',
  'reviewers?',
  'linguists?',
  'experts?',
  'contractors?',
  'taggers?',
  'writers?',
  'specialists?',
].join('|');

const HEADCOUNT_PATTERN = new RegExp(
  String.raw`(?<![$\d.,])\b(\d{1,4}|${Object.keys(NUMBER_WORDS).join('|')})\s+${wordsBetween(3)}(?:${PEOPLE})\b`,
  'i',
);
const TEAM_PATTERN = /\bteam of (\d{1,4}|[a-z]+)\b/i;

function findHeadcount(text: string): number | undefined {
  const match = HEADCOUNT_PATTERN.exec(text) ?? TEAM_PATTERN.exec(text);
  const raw = match?.[1]?.toLowerCase();
  if (!raw) return undefined;
  const value = /^\d+$/.test(raw) ? Number(raw) : NUMBER_WORDS[raw];
  return value !== undefined && value >= 1 && value <= 1000 ? value : undefined;
}

// Pay -----------------------------------------------------------------------------------------------------------

const AMOUNT = String.raw`(?:\$|US\$|USD\s?)\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`;
const PER = String.raw`\s*(?:\/|per|an?|each|for each)\s*`;
const LABEL_UNITS = `(?:label|annotation|image|item|task|file|post|sample|record|clip|utterance|sentence|document|box|transcript|video|tweet|review)s?`;

const PAY_RULES: { pattern: RegExp; apply: (amount: number) => JobFields }[] = [
  {
    pattern: new RegExp(String.raw`${AMOUNT}${PER}(?:hour|hr|h)\b|${AMOUNT}\s*(?:an hour|hourly)\b`, 'i'),
    apply: (amount) => ({ paymentType: 'PAY_PER_HOUR', pricePerHour: amount }),
  },
  {
    pattern: new RegExp(String.raw`${AMOUNT}${PER}${LABEL_UNITS}\b`, 'i'),
    apply: (amount) => ({ paymentType: 'PAY_PER_LABEL', pricePerLabel: amount }),
  },
  {
    pattern: new RegExp(
      String.raw`\b(?:fixed[- ]price|flat (?:fee|rate)|fixed budget|budget)\b[^$\d]{0,30}${AMOUNT}|${AMOUNT}\s*(?:fixed|flat|total|in total|for the (?:whole|entire) (?:project|job))\b`,
      'i',
    ),
    apply: (amount) => ({ paymentType: 'FIXED_PRICE', fixedPrice: amount }),
  },
];

/** Pay wording without an amount: the type is known, the rate is still to be asked. */
const PAY_TYPE_WORDS: { pattern: RegExp; fields: JobFields }[] = [
  { pattern: /\bper[- ](?:label|annotation|item|task)\b/i, fields: { paymentType: 'PAY_PER_LABEL' } },
  { pattern: /\bhourly\b|\bper hour\b|\bby the hour\b/i, fields: { paymentType: 'PAY_PER_HOUR' } },
  { pattern: /\bfixed[- ]price\b|\bflat fee\b/i, fields: { paymentType: 'FIXED_PRICE' } },
];

function findPay(text: string): JobFields {
  let best: { index: number; fields: JobFields } | undefined;
  for (const rule of PAY_RULES) {
    const match = rule.pattern.exec(text);
    const digits = match?.slice(1).find((group) => group !== undefined);
    if (!match || !digits) continue;
    if (!best || match.index < best.index)
      best = { index: match.index, fields: rule.apply(Number(digits.replace(/,/g, ''))) };
  }
  if (best) return best.fields;
  let typeOnly: { index: number; fields: JobFields } | undefined;
  for (const rule of PAY_TYPE_WORDS) {
    const match = rule.pattern.exec(text);
    if (match && (!typeOnly || match.index < typeOnly.index)) typeOnly = { index: match.index, fields: rule.fields };
  }
  return typeOnly ? { ...typeOnly.fields } : {};
}

// Languages and countries ---------------------------------------------------------------------------------------

/** Languages in the order the text names them. "Polish" counts only capitalised, since "polish" is also a verb. */
function findLanguages(text: string): string[] {
  const found: { name: string; index: number }[] = [];
  for (const name of KNOWN_LANGUAGES) {
    const pattern = new RegExp(String.raw`\b${name}\b`, name === 'Polish' ? '' : 'i');
    const match = pattern.exec(text);
    if (match) found.push({ name, index: match.index });
  }
  return found.sort((a, b) => a.index - b.index).map((entry) => entry.name);
}

function findCountries(text: string): string[] {
  const found: { code: string; index: number }[] = [];
  for (const [pattern, code] of COUNTRIES) {
    const match = pattern.exec(text);
    if (match) found.push({ code, index: match.index });
  }
  return found.sort((a, b) => a.index - b.index).map((entry) => entry.code);
}

/** Two-letter codes for the country names the parser and the importers understand. */
export function countryCode(value: string): string | undefined {
  const trimmed = value.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) return trimmed.toUpperCase();
  return COUNTRIES.find(([pattern]) => pattern.test(trimmed))?.[1];
}

// Data volume and type ------------------------------------------------------------------------------------------

const MEDIA_TYPE: Record<string, string> = { audio: 'Audio', video: 'Video', footage: 'Video' };

const FILE_NOUNS: [string, string][] = [
  ['images|photos|pictures|frames|screenshots|scans', 'Image'],
  ['videos|clips', 'Video'],
  ['recordings|calls|podcasts|utterances', 'Audio'],
  [
    'posts|tweets|reviews|comments|messages|documents|articles|sentences|conversations|dialogues|prompts|responses|transcripts|emails|pages',
    'Text',
  ],
  ['files|records|items|samples|examples|tasks', ''],
];

interface DataVolume {
  amount: number;
  unit: DataVolumeUnit;
  dataType?: string;
}

function findDataVolume(text: string): DataVolume | undefined {
  const hours = new RegExp(
    String.raw`${QUANTITY}\s*\+?\s*(?:hours?|hrs?)\s+of\s+${wordsBetween(3)}(audio|video|recordings?|speech|footage|calls?|podcasts?|conversations?|interviews?)\b`,
    'i',
  ).exec(text);
  if (hours?.[1]) {
    const media = hours[3]?.toLowerCase() ?? '';
    return {
      amount: quantityValue(hours[1], hours[2]),
      unit: 'HOURS_OF_RECORDING_AUDIO_VIDEO',
      dataType: MEDIA_TYPE[media] ?? 'Audio',
    };
  }
  const words = new RegExp(String.raw`${QUANTITY}\s+${wordsBetween(2)}words\b`, 'i').exec(text);
  if (words?.[1]) return { amount: quantityValue(words[1], words[2]), unit: 'NUMBER_OF_WORDS', dataType: 'Text' };

  // The largest count wins: "a team of 4 reviews 3,000 clips" is about 3,000 clips.
  let best: DataVolume | undefined;
  for (const [nouns, dataType] of FILE_NOUNS) {
    const pattern = new RegExp(String.raw`${QUANTITY}\s+${wordsBetween(3)}(?:${nouns})\b`, 'gi');
    for (const match of text.matchAll(pattern)) {
      const amount = match[1] ? quantityValue(match[1], match[2]) : 0;
      if (best && best.amount >= amount) continue;
      best = { amount, unit: 'NUMBER_OF_FILES', ...(dataType ? { dataType } : {}) };
    }
  }
  return best;
}

const DATA_TYPE_WORDS: [RegExp, string][] = [
  [/\b(?:images?|photos?|pictures?|dashcam|bounding box(?:es)?|polygons?|segmentation|lidar)\b/i, 'Image'],
  [/\b(?:videos?|footage|clips?)\b/i, 'Video'],
  [/\b(?:audio|speech|recordings?|podcasts?|call[- ]center|transcri(?:be|bing|ption))\b/i, 'Audio'],
  [/\b(?:text|posts?|tweets?|documents?|reviews?|sentences?|sentiment|articles?|prompts?|chatbot|llm)\b/i, 'Text'],
];

/** The kind of data the text names first. */
function findDataType(text: string): string | undefined {
  let best: { index: number; type: string } | undefined;
  for (const [pattern, type] of DATA_TYPE_WORDS) {
    const match = pattern.exec(text);
    if (match && (!best || match.index < best.index)) best = { index: match.index, type };
  }
  return best?.type;
}

// Label types, tools and experience -----------------------------------------------------------------------------

/** Label types in the order the text names them. */
function findLabelTypes(text: string): LabelType[] {
  return LABEL_TYPES.map((type) => ({ type, match: type.pattern.exec(text) }))
    .filter((entry) => entry.match !== null)
    .sort((a, b) => (a.match?.index ?? 0) - (b.match?.index ?? 0))
    .map((entry) => entry.type);
}

/** The label type names of a free-text list such as schema.org `skills`. */
export function labelTypeNames(text: string): string[] {
  return findLabelTypes(text).map((type) => type.name);
}

function findLabelingSoftware(text: string): string | undefined {
  return LABELING_SOFTWARE.find((tool) => new RegExp(String.raw`\b${tool}\b`, 'i').test(text));
}

const EXPERIENCE_RULES: { pattern: RegExp; level: ExperienceLevel; loose?: boolean }[] = [
  { pattern: /\bany (?:experience )?level\b|\ball (?:experience )?levels\b/i, level: 'ANY_EXPERIENCE_LEVEL' },
  {
    pattern:
      /\bentry[- ]level\b|\bbeginners?\b|\bjunior\b|\bno (?:prior )?experience (?:is )?(?:required|needed|necessary)\b/i,
    level: 'ENTRY_LEVEL',
  },
  { pattern: /\bexperts?\b|\bsenior\b|\bhighly experienced\b|\bPhDs?\b/i, level: 'EXPERT' },
  { pattern: /\bintermediate\b|\bmid[- ]level\b/i, level: 'INTERMEDIATE' },
  { pattern: /\bexperienced\b/i, level: 'INTERMEDIATE', loose: true },
];

function findExperienceLevel(text: string): { level: ExperienceLevel; loose: boolean } | undefined {
  const rule = EXPERIENCE_RULES.find((candidate) => candidate.pattern.test(text));
  return rule ? { level: rule.level, loose: rule.loose ?? false } : undefined;
}

/** The experience level a free-text requirement names, if any (for structured imports). */
export function experienceLevelIn(text: string): ExperienceLevel | undefined {
  return findExperienceLevel(text)?.level;
}

// Title ---------------------------------------------------------------------------------------------------------

const TITLE_MAX = 120;

/**
 * An explicit title ("Title: …", or a short first line above the rest) is taken as written. Otherwise one is
 * composed from the language, data type and label type ("Spanish Sentiment Labeling"), or from the opening words.
 */
function findTitle(
  text: string,
  languages: string[],
  labelTypes: LabelType[],
  dataType: string | undefined,
): { value: string; composed: boolean } | undefined {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const labelled = lines.map((line) => /^(?:job )?title\s*:\s*(.+)$/i.exec(line)?.[1]).find(Boolean);
  if (labelled) return { value: labelled.slice(0, TITLE_MAX), composed: false };
  const first = lines[0];
  if (first && lines.length > 1 && first.length <= 80 && !/[.!?:]$/.test(first)) {
    return { value: first.replace(/^#+\s*/, ''), composed: false };
  }

  const [labelType] = labelTypes;
  const typed = labelType && ['Transcription', 'Segmentation', 'Classification'].includes(labelType.titleNoun);
  // "German to French Translation" reads better than naming only the first language.
  const translation = labelType?.name === 'Translation' && languages.length > 1;
  const language = translation ? `${languages[0]} to ${languages[1]}` : languages[0];
  const parts = [language, typed ? dataType : undefined, labelType?.titleNoun];
  if (!labelType && dataType) parts.push(dataType, 'Annotation');
  const composed = parts.filter(Boolean).join(' ');
  if (labelType || dataType) return { value: composed, composed: true };

  const opening = text
    .split(/[.!?\n]/)[0]
    ?.split(/\s+/)
    .filter(Boolean)
    .slice(0, 8)
    .join(' ');
  return opening ? { value: opening.slice(0, TITLE_MAX), composed: true } : undefined;
}
