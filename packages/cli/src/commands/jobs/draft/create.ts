import { operationInputs } from '@opentrain-ai/sdk/operations';
import { type Command, Option } from 'commander';
import { UsageError } from '../../../errors.js';
import { addFieldFlags, fieldFlags, paramsFromFlags } from '../../../flags/field-flags.js';
import { withFlagErrors } from '../../../flags/flag-errors.js';
import { type CliContext, readTextSource } from '../../../io.js';
import { printDraft } from '../../../output/draft.js';
import { openSession } from '../../../session.js';
import { addGlobalOptions, globalsOf } from '../../global-options.js';

interface DescriptionFlags {
  description?: string;
  text?: string;
  descriptionFile?: string;
}

async function descriptionOf(ctx: CliContext, flags: DescriptionFlags): Promise<string> {
  const given = [flags.description, flags.text, flags.descriptionFile].filter((value) => value !== undefined);
  if (given.length === 0) {
    throw new UsageError('missing required flag --description <text> (or --description-file <path>, or --text)');
  }
  if (given.length > 1) throw new UsageError('give only one of --description, --text and --description-file');
  const text = flags.descriptionFile
    ? await readTextSource(ctx, flags.descriptionFile, '--description-file')
    : String(given[0]);
  if (text.trim() === '') throw new UsageError('the job description is empty');
  return text;
}

/**
 * `opentrain jobs draft create --description "…"`: a draft from plain text. The answer lists every field the draft
 * still needs, each with the question to ask the human, its type, its allowed values and the key to set.
 */
export function draftCreateCommand(parent: Command, ctx: CliContext): Command {
  const inputs = operationInputs.createJobDraft;
  const flags = fieldFlags(inputs.fields.filter((field) => ['externalId', 'idempotencyKey'].includes(field.name)));
  const command = parent
    .command('create')
    .description('Create a job draft from a plain-text description; lists what is still missing')
    .option('--description <text>', 'The job in your own words (alias: --text)')
    .addOption(new Option('--text <text>').hideHelp())
    .option('--description-file <path>', 'Read the description from a file (- for standard input)');
  addFieldFlags(command, flags);
  addGlobalOptions(command);

  command.action((values: DescriptionFlags & Record<string, unknown>) =>
    withFlagErrors(
      flags,
      async () => {
        const rawJobDescription = await descriptionOf(ctx, values);
        const { body } = paramsFromFlags(flags, values, true);
        const globals = globalsOf(command);
        const { client } = await openSession(ctx, globals);
        const draft = await client.jobDrafts.create({ ...body, rawJobDescription });
        printDraft(ctx.stdout, draft, 'created', globals.json);
      },
      { 'body.rawJobDescription': '--description' },
    ),
  );
  return command;
}
