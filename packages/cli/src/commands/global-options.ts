import { type Command, InvalidArgumentError, Option } from 'commander';

/** The flags every command takes. */
export interface GlobalOptions {
  json?: boolean;
  baseUrl?: string;
}

const GROUP = 'Global options:';

function parseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidArgumentError('Expected an absolute http(s) URL such as https://app.opentrain.ai.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidArgumentError('Expected an http or https URL.');
  }
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
