import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { EXIT_CODES_HELP } from '../exit-codes.js';
import { type CliContext, writeLine } from '../io.js';

const ENVIRONMENT_HELP = `Environment:
  OPENTRAIN_API_TOKEN, OT_API_TOKEN
      The API token (ot_pat_…). Wins over the saved credentials file. There is no token flag, except
      --api-key on auth login.
  OPENTRAIN_PARTNER_TOKEN, OT_PARTNER_TOKEN
      The Platform API token (ot_ptk_…) for 'opentrain api /api/partner/v1/…'. Never saved.
  OPENTRAIN_API_BASE_URL, OT_API_BASE_URL
      The API base URL, used when --base-url is not given. Then the saved one, then https://app.opentrain.ai.
  XDG_CONFIG_HOME
      The credentials file is $XDG_CONFIG_HOME/opentrain/cli.json (default ~/.config/opentrain/cli.json),
      written with mode 0600 and shared with the OpenTrain MCP server.
  OPENTRAIN_LOG
      debug or info: one line per HTTP request on stderr; warn (default): retries only; off: nothing.
`;

const TOPICS: Readonly<Record<string, string>> = {
  'exit-codes': EXIT_CODES_HELP,
  environment: ENVIRONMENT_HELP,
};

/** Follows command names from the program down: `jobs draft create`. */
function findCommand(program: Command, words: readonly string[]): Command | undefined {
  let current: Command | undefined = program;
  for (const word of words) {
    current = current?.commands.find((command) => command.name() === word || command.aliases().includes(word));
  }
  return current;
}

/** `opentrain help [command…]`, plus the topics `exit-codes` and `environment`. */
export function addHelpCommand(program: Command, ctx: CliContext): void {
  program
    .command('help')
    .description('Show help for a command, or a topic: exit-codes, environment')
    .argument('[command...]', 'A command (e.g. jobs draft create) or a topic')
    .action((words: string[]) => {
      const topic = TOPICS[words.join(' ')];
      if (topic) {
        ctx.stdout.write(topic);
        return;
      }
      const command = findCommand(program, words);
      if (!command) throw new UsageError(`unknown command or help topic '${words.join(' ')}'`);
      command.outputHelp();
    });
}

export function addVersionCommand(program: Command, ctx: CliContext, version: string): void {
  program
    .command('version')
    .description('Print the version')
    .action(() => writeLine(ctx.stdout, version));
}
