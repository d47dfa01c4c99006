import { operationsById } from '@opentrain-ai/sdk/operations';
import type { Command } from 'commander';
import type { CliContext } from '../../../io.js';
import { printDraft } from '../../../output/draft.js';
import { setFieldsCommand } from '../set-fields.js';

/** `opentrain jobs draft update --job-id <id> --set key=value …`: answers what the draft asks for. */
export function draftUpdateCommand(parent: Command, ctx: CliContext): Command {
  return setFieldsCommand(parent, 'update', operationsById.updateJobDraft, ctx, (data, globals) =>
    printDraft(ctx.stdout, data, 'updated', globals.json),
  );
}
