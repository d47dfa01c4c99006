import type { PublicComponents } from '@opentrain-ai/sdk/types';

type MissingFieldEntry = PublicComponents['schemas']['JobDraftMissingFieldEntry'];
type Validation = PublicComponents['schemas']['JobDraftValidation'];

/** One thing the human must answer before the job can go live. */
export interface Question {
  /** The draft update key the answer is sent as. */
  field: string;
  /** The draft's own question, without its `ask:` marker. */
  text: string;
  /** `string`, `integer`, `number` or `enum`, as the draft says. */
  type: string;
  choices: readonly string[];
  example?: string;
  hint?: string;
  /** Why the previous answer to this question was refused, when it was. */
  problem?: string;
}

/** Answers one question; the returned text is parsed by `parseAnswer`. */
export type Ask = (question: Question) => Promise<string>;

/** The next question a draft asks: its first missing field, else its first issue (a value that cannot be published). */
export function nextQuestion(validation: Validation): Question | undefined {
  const missing = validation.missingFields[0];
  if (missing !== undefined) return questionFor(missing);
  const issue = validation.issues.find((entry) => typeof entry === 'object' && typeof entry.field === 'string');
  if (typeof issue === 'object' && typeof issue.field === 'string') {
    const problem = typeof issue.message === 'string' ? issue.message : 'this value cannot be published';
    return { field: issue.field, text: `What should ${issue.field} be instead?`, type: 'string', choices: [], problem };
  }
  return undefined;
}

function questionFor(entry: MissingFieldEntry): Question {
  // Older drafts name a missing field without describing it.
  if (typeof entry === 'string')
    return { field: entry, text: `What is the job's ${entry}?`, type: 'string', choices: [] };
  return {
    field: entry.field,
    text: (entry.prompt ?? entry.message ?? `What is the job's ${entry.field}?`).replace(/^ask:\s*/, ''),
    type: entry.type ?? 'string',
    choices: entry.enumValues ?? [],
    ...(entry.example ? { example: entry.example } : {}),
    ...(entry.hint ? { hint: entry.hint } : {}),
  };
}

/** The answer as the value to send, or a sentence saying what was expected. */
export function parseAnswer(question: Question, answer: string): { value: unknown } | { problem: string } {
  const text = answer.trim();
  if (text === '') return { problem: 'an answer is needed' };
  if (question.choices.length > 0) {
    const choice = question.choices.find((option) => option.toLowerCase() === text.toLowerCase());
    return choice ? { value: choice } : { problem: `expected one of ${question.choices.join(', ')}` };
  }
  if (question.type === 'integer' || question.type === 'number') {
    const number = Number(text.replace(/[$,\s]/g, ''));
    if (!Number.isFinite(number)) return { problem: `expected a number, such as ${question.example ?? '10'}` };
    if (question.type === 'integer' && !Number.isInteger(number)) return { problem: 'expected a whole number' };
    return { value: number };
  }
  return { value: text };
}
