import { isPendingApproval } from '@opentrain-ai/sdk';
import { type OperationInfo, type OperationInputs, operationInputs } from '@opentrain-ai/sdk/operations';
import { type Command, Option } from 'commander';
import { addFieldFlags, fieldFlags, paramsFromFlags } from '../flags/field-flags.js';
import { withFlagErrors } from '../flags/flag-errors.js';
import type { CliContext } from '../io.js';
import { printEveryPage, printResult } from '../output/result.js';
import { openSession } from '../session.js';
import { addApprovalWaitFlags, settlePendingApproval, type WaitFlags } from './approval.js';
import { addGlobalOptions, type GlobalOptions, globalsOf } from './global-options.js';

/** The inputs of a row: every row of the table has them, so a miss means the table and the inputs disagree. */
export function inputsOf(row: OperationInfo): OperationInputs {
  const inputs = (operationInputs as Readonly<Record<string, OperationInputs | undefined>>)[row.operationId];
  if (!inputs) throw new Error(`The operation table has no inputs for ${row.operationId}`);
  return inputs;
}

export type Values = GlobalOptions & WaitFlags & { all?: boolean } & Record<string, unknown>;

export interface OperationCommandOptions {
  /** More flags than the operation's inputs. */
  extraOptions?: readonly Option[];
  /** Shows a successful answer instead of the default summary. */
  present?: (data: unknown, values: Values, globals: GlobalOptions) => Promise<void>;
}

/**
 * A command made from one row of the operation table: a flag per input field, the call through the SDK, the answer
 * as a summary or as JSON, pages with `--all`, and `--wait` for a pending approval.
 */
export function operationCommand(
  parent: Command,
  name: string,
  row: OperationInfo,
  ctx: CliContext,
  options: OperationCommandOptions = {},
): Command {
  const inputs = inputsOf(row);
  const flags = fieldFlags(inputs.fields);
  const command = addFieldFlags(parent.command(name).description(row.summary), flags);
  for (const option of options.extraOptions ?? []) command.addOption(option);
  if (row.pagination) command.addOption(new Option('--all', 'Fetch every page, one after another'));
  if (row.approval) addApprovalWaitFlags(command);
  addGlobalOptions(command);

  command.action((values: Values) =>
    withFlagErrors(flags, async () => {
      const params = paramsFromFlags(flags, values, inputs.body !== null);
      const globals = globalsOf(command);
      const { client } = await openSession(ctx, globals);
      if (row.pagination && values.all) {
        return printEveryPage(ctx, row, client.paginate(row, params), globals.json);
      }
      const data = await client.request(row, params);
      if (row.approval && isPendingApproval(data)) {
        return settlePendingApproval(ctx, client, data, values, globals.json);
      }
      if (options.present) return options.present(data, values, globals);
      printResult(ctx, row, data, globals.json);
    }),
  );
  return command;
}
