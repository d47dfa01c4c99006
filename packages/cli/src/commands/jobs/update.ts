import { operationsById } from '@opentrain-ai/sdk/operations';
import type { Command } from 'commander';
import type { CliContext } from '../../io.js';
import { printResult } from '../../output/result.js';
import { setFieldsCommand } from './set-fields.js';

/** `opentrain jobs update --job-id <id> --set key=value …`: edits a live job (it is moderated again). */
export function jobUpdateCommand(parent: Command, ctx: CliContext): Command {
  const row = operationsById.updateJob;
  return setFieldsCommand(parent, 'update', row, ctx, (data, globals) => printResult(ctx, row, data, globals.json));
}
