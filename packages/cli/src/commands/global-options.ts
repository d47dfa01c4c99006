import { type Command, Option } from 'commander';
import { baseUrlProblem } from '../base-url.js';
import { UsageError } from '../errors.js';

/** The flags every command takes. */
export interface GlobalOptions {
  json?: boolean;
  baseUrl?: string;
}

const GROUP = 'Global options:';

/** Not InvalidArgumentError: commander would repeat the whole argument, password included, in its message. */
function parseBaseUrl(raw: string): string {
  const problem = baseUrlProblem(raw);
  if (problem) throw new UsageError(`--base-url: ${problem}`);
  return raw.replace(/\/+$/, '');
}

export function addGlobalOptions(command: Command): Command {
  return command
    .addOption(new Option('--json', 'Print the API response as JSON instead of a summary').helpGroup(GROUP))
    .addOption(
      new Option(
        '--base-url <url>',
        'API base URL (default: OPENTRAIN_API_BASE_URL or OT_API_BASE_URL, then the saved one, then https://app.opentrain.ai)',
      )
        .argParser(parseBaseUrl)
        .helpGroup(GROUP),
    );
}

export function globalsOf(command: Command): GlobalOptions {
  const { json, baseUrl } = command.opts<GlobalOptions>();
  return { json, baseUrl };
}
