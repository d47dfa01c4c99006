import type { InputField, OperationInfo } from '@opentrain-ai/sdk/operations';
import { type Command, Option } from 'commander';
import { UsageError } from '../../errors.js';
import { addFieldFlags, fieldFlags, paramsFromFlags } from '../../flags/field-flags.js';
import { withFlagErrors } from '../../flags/flag-errors.js';
import { expectation } from '../../flags/schema-value.js';
import { bodyFromPairs, collectSet } from '../../flags/set-pairs.js';
import type { CliContext } from '../../io.js';
import { openSession } from '../../session.js';
import { addGlobalOptions, type GlobalOptions, globalsOf } from '../global-options.js';
import { inputsOf } from '../operation-command.js';

export type Present = (data: unknown, globals: GlobalOptions) => void;

/**
 * A job edit: the path flags of the operation (`--job-id`) plus repeatable `--set key=value`, each key a body field
 * of the operation and each value parsed by that field's schema.
 */
export function setFieldsCommand(
  parent: Command,
  name: string,
  row: OperationInfo,
  ctx: CliContext,
  present: Present,
): Command {
  const inputs = inputsOf(row);
  const flags = fieldFlags(inputs.fields.filter((field) => field.in === 'path'));
  const bodyFields = inputs.fields.filter((field) => field.in === 'body');
  const command = addFieldFlags(parent.command(name).description(row.summary), flags).addOption(
    new Option(
      '--set <key=value>',
      `A field to set; repeatable. Keys: ${bodyFields.map((field) => field.name).join(', ')}`,
    ).argParser(collectSet),
  );
  command.addHelpText('after', setKeysHelp(bodyFields));
  addGlobalOptions(command);

  command.action((values: Record<string, unknown> & { set?: string[] }) =>
    withFlagErrors(
      flags,
      async () => {
        const { path } = paramsFromFlags(flags, values, false);
        if (!values.set?.length) throw new UsageError('missing required flag --set <key=value> (give at least one)');
        const body = bodyFromPairs(values.set, bodyFields);
        const globals = globalsOf(command);
        const { client } = await openSession(ctx, globals);
        present(await client.request(row, { path, body }), globals);
      },
      bodyIssueFlags(bodyFields.map((field) => field.name)),
    ),
  );
  return command;
}

/** A schema issue on `body.pricePerHour` is reported as `--set pricePerHour`. */
function bodyIssueFlags(names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [`body.${name}`, `--set ${name}`]));
}

/** What each `--set` key takes, from its schema, so the help says how to write every value. */
function setKeysHelp(fields: readonly InputField[]): string {
  const width = Math.max(...fields.map((field) => field.name.length));
  const lines = fields.map((field) => `  ${field.name.padEnd(width)}  ${expectation(field.schema)}`);
  return `\nValues of --set (a list is comma-separated; repeating its key adds to it):\n${lines.join('\n')}\n`;
}
