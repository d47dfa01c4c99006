// `pnpm start <description.txt> [--sandbox]`: posts the job described in the file, asking in the terminal for each
// field the draft still needs. Uses the saved or environment credentials (as the CLI does); with none, it registers
// a new agent account first. `--sandbox` runs everything against a local sandbox instead of OpenTrain.
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { OpenTrain } from '@opentrain-ai/sdk';
import { resolveCredentials } from '@opentrain-ai/sdk/node';
import { postJob } from './post-job.js';
import type { Question } from './questions.js';

const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith('--'));
if (!file) {
  console.error('Usage: pnpm start <description.txt> [--sandbox]');
  process.exit(2);
}
const description = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
  console.error(`Could not read ${file}: ${error.code ?? error.message}`);
  process.exit(1);
});

const sandbox = args.includes('--sandbox') ? await (await import('@opentrain-ai/sandbox')).startSandbox() : undefined;
// Lines are read through the iterator rather than `question()`, so answers piped in ahead of time are not lost.
const terminal = createInterface({ input: process.stdin });
const lines = terminal[Symbol.asyncIterator]();

async function answer(question: Question): Promise<string> {
  process.stdout.write(render(question));
  const line = await lines.next();
  if (line.done) throw new Error(`No answer for ${question.field}: the input ended`);
  return line.value;
}

function render(question: Question): string {
  const parts = [question.problem ? `  (${question.problem})` : '', question.text];
  if (question.hint) parts.push(`  hint: ${question.hint}`);
  if (question.example) parts.push(`  e.g. ${question.example}`);
  return `${parts.filter(Boolean).join('\n')}\n> `;
}

try {
  const resolved = sandbox ? undefined : await resolveCredentials();
  const baseUrl = sandbox?.url ?? resolved?.baseUrl;
  let apiKey = resolved?.apiToken;
  if (!apiKey) {
    const registration = await new OpenTrain({ baseUrl, apiKey: null }).agent.register({ agent_name: 'Job poster' });
    apiKey = registration.access_token;
    console.log('Registered a new agent account (unclaimed: a human can claim it later to hire).');
  }
  const job = await postJob(new OpenTrain({ baseUrl, apiKey }), description, answer, {
    onStep: (step) => console.log(step),
  });
  console.log(`Live after ${job.asked.length} answer(s): ${job.jobUrl}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  terminal.close();
  await sandbox?.close();
}
