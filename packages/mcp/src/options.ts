import { parseArgs } from 'node:util';
import type { Env } from '@opentrain-ai/sdk/node';

export const READ_ONLY_ENV = 'OPENTRAIN_MCP_READ_ONLY';

export const USAGE = `Usage: opentrain-mcp [options]

Runs the OpenTrain MCP server over stdio. Start it from an MCP client, for example:
  claude mcp add opentrain -- npx -y @opentrain-ai/mcp

Options:
  --read-only          Offer only read-only tools (also: ${READ_ONLY_ENV}=1)
  --tools <names>      Offer only these tools, comma-separated (e.g. opentrain_list_jobs,opentrain_get_proposal)
  -h, --help           Show this help

Environment:
  OPENTRAIN_PERSONAL_API_TOKEN   An ot_pat_ token; when set it is used for every call and the
                                 credentials file is not read
  OPENTRAIN_API_BASE_URL         The OpenTrain base URL (default https://app.opentrain.ai)
  XDG_CONFIG_HOME                Where the credentials file lives: $XDG_CONFIG_HOME/opentrain/cli.json
                                 (default ~/.config/opentrain/cli.json), shared with the OpenTrain CLI
  OPENTRAIN_LOG                  SDK log level on stderr: debug, info, warn (default), error, off
`;

/** A mistake on the command line; the message says what was wrong. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CommandLine {
  help: boolean;
  readOnly: boolean;
  /** `undefined`: every tool. */
  tools: string[] | undefined;
}

const TRUE_VALUES = new Set(['1', 'true', 'yes', 'on']);

function parseToolList(value: string): string[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) throw new UsageError('--tools needs a comma-separated list of tool names');
  return [...new Set(names)];
}

export function parseCommandLine(argv: readonly string[], env: Env): CommandLine {
  let values: { 'read-only'?: boolean; tools?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        'read-only': { type: 'boolean' },
        tools: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const fromEnv = TRUE_VALUES.has(env[READ_ONLY_ENV]?.trim().toLowerCase() ?? '');
  return {
    help: values.help === true,
    readOnly: values['read-only'] === true || fromEnv,
    tools: values.tools === undefined ? undefined : parseToolList(values.tools),
  };
}
