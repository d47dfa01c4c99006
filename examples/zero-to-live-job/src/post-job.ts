import { BadRequestError, type OpenTrain, RequestValidationError } from '@opentrain-ai/sdk';
import type { PublicComponents } from '@opentrain-ai/sdk/types';
import { type Ask, nextQuestion, parseAnswer, type Question } from './questions.js';

type Schemas = PublicComponents['schemas'];

export interface PostJobOptions {
  /** Stop after this many answers rather than ask forever (default 20). */
  maxAnswers?: number;
  /** Told about each step, for progress output. */
  onStep?: (step: string) => void;
}

export interface PostedJob {
  jobId: string;
  jobUrl: string;
  /** Every question the human was asked, in order (repeats included). */
  asked: Question[];
}

/**
 * The agent quickstart in one call: drafts a job from plain text, asks `ask` for every field the draft still needs
 * (re-asking, with the reason, when an answer is refused), and publishes the job once the draft is ready.
 */
export async function postJob(
  client: OpenTrain,
  description: string,
  ask: Ask,
  options: PostJobOptions = {},
): Promise<PostedJob> {
  const { maxAnswers = 20, onStep = () => {} } = options;
  let draft: Schemas['JobDraftResult'] = await client.jobDrafts.create({ rawJobDescription: description });
  onStep(`Draft ${draft.jobId} created; ${draft.validation.missingFieldCount} field(s) to fill`);

  const asked: Question[] = [];
  let problem: { field: string; text: string } | undefined;
  while (!draft.validation.publishReady) {
    const question = nextQuestion(draft.validation);
    if (!question) throw new Error(`Draft ${draft.jobId} is not ready to publish, but it names nothing to fix`);
    if (asked.length >= maxAnswers) {
      throw new Error(`Draft ${draft.jobId} still needs ${question.field} after ${maxAnswers} answers; stopping`);
    }
    if (problem?.field === question.field) question.problem = problem.text;
    asked.push(question);
    const parsed = parseAnswer(question, await ask(question));
    if ('problem' in parsed) {
      problem = { field: question.field, text: parsed.problem };
      continue;
    }
    try {
      draft = await client.jobDrafts.update(draft.jobId, { [question.field]: parsed.value });
      problem = undefined;
    } catch (error) {
      // The SDK checks the value against the spec before sending, and the server may still refuse it: either way the
      // human gets the same question again with the reason.
      if (error instanceof RequestValidationError) problem = { field: question.field, text: error.expectation };
      else if (error instanceof BadRequestError) problem = { field: question.field, text: error.message };
      else throw error;
    }
  }

  const published = await client.jobs.publish(draft.jobId);
  onStep(`Job ${published.jobId} is ${published.status}: ${published.jobUrl}`);
  return { jobId: published.jobId, jobUrl: published.jobUrl, asked };
}
