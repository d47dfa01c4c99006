import { type RunningSandbox, startSandbox } from '@opentrain-ai/sandbox';
import { OpenTrain } from '@opentrain-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJob } from '../src/post-job.js';
import { parseAnswer, type Question } from '../src/questions.js';

const DESCRIPTION = 'We need people to label sentiment in Spanish customer-support chats.';

let running: RunningSandbox;
let agent: OpenTrain;

beforeAll(async () => {
  running = await startSandbox();
  const registration = await new OpenTrain({ baseUrl: running.url, apiKey: null }).agent.register({});
  agent = new OpenTrain({ baseUrl: running.url, apiKey: registration.access_token, logLevel: 'off' });
});

afterAll(async () => {
  await running.close();
});

/** A human who answers from a script, one queue of answers per field, and remembers what was asked. */
function scriptedHuman(answers: Record<string, string[]>) {
  return async (question: Question) => {
    const next = answers[question.field]?.shift();
    if (next === undefined) throw new Error(`no scripted answer for ${question.field}`);
    return next;
  };
}

describe('postJob against the sandbox', () => {
  it('asks for each missing field, re-asks refused answers with the reason, and publishes', async () => {
    const ask = scriptedHuman({
      headcount: ['a few', '3'],
      experienceLevel: ['expert-ish', 'intermediate'],
      paymentType: ['PAY_PER_HOUR'],
      pricePerHour: ['$18'],
      dataVolumeUnit: ['NUMBER_OF_FILES'],
      dataVolume: ['5,000'],
    });
    const job = await postJob(agent, DESCRIPTION, ask);

    expect(job.asked.map((question) => question.field)).toEqual([
      'headcount',
      'headcount',
      'experienceLevel',
      'experienceLevel',
      'paymentType',
      'pricePerHour',
      'dataVolumeUnit',
      'dataVolume',
    ]);
    const retried = job.asked.filter((question) => question.problem);
    expect(retried.map((question) => [question.field, question.problem])).toEqual([
      ['headcount', 'expected a number, such as 3'],
      ['experienceLevel', expect.stringContaining('expected one of')],
    ]);
    expect(job.asked[0]?.text).not.toMatch(/^ask:/);

    const live = await agent.jobs.get(job.jobId);
    expect(live).toMatchObject({ status: 'OPEN', experienceLevel: 'Intermediate' });
  });

  it('stops after the answer budget instead of asking forever', async () => {
    const stubborn = async () => 'not a number';
    await expect(postJob(agent, DESCRIPTION, stubborn, { maxAnswers: 3 })).rejects.toThrow(/still needs \w+ after 3/);
  });
});

describe('parseAnswer', () => {
  const question = (overrides: Partial<Question>): Question => ({
    field: 'f',
    text: 'q',
    type: 'string',
    choices: [],
    ...overrides,
  });

  it('matches choices case-insensitively and returns the canonical value', () => {
    expect(parseAnswer(question({ type: 'enum', choices: ['ENTRY', 'EXPERT'] }), ' expert ')).toEqual({
      value: 'EXPERT',
    });
  });

  it('reads money and thousands separators as numbers, and insists on whole numbers for integers', () => {
    expect(parseAnswer(question({ type: 'number' }), '$1,250.50')).toEqual({ value: 1250.5 });
    expect(parseAnswer(question({ type: 'integer' }), '2.5')).toEqual({ problem: 'expected a whole number' });
    expect(parseAnswer(question({}), '   ')).toEqual({ problem: 'an answer is needed' });
  });
});
