import { Command } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { apiCommand } from './commands/api/command.js';
import { completionCommand } from './commands/completion.js';
import { addHelpCommand, addVersionCommand } from './commands/help.js';
import { sandboxCommand } from './commands/sandbox.js';
import { addApiCommands } from './commands/tree.js';
import type { CliContext } from './io.js';

export const VERSION = packageJson.version;

const EXAMPLES = `
Examples:
  opentrain auth register --agent-name "Research agent"
  opentrain jobs draft create --description "We need 3 annotators to label sentiment in Spanish tweets"
  opentrain jobs draft update --job-id <id> --set experienceLevel=INTERMEDIATE --set headcount=3
  opentrain jobs publish --job-id <id>
  opentrain proposals list --job-id <id>
  opentrain proposals hire --proposal-id <id> --milestone-name "First batch" --milestone-amount 300 --wait
  opentrain api /api/public/v1/jobs/facets
  opentrain sandbox --scenario open-job

Every command that calls the API takes --json (the API response as JSON) and --base-url <url>.
Run 'opentrain help <command>' for its flags, 'opentrain help exit-codes' and 'opentrain help environment'.
Shell completion: 'opentrain help completion'.
`;

/** `Usage error: …` instead of commander's `error: …`, so every usage mistake reads the same. */
function asUsageError(text: string): string {
  return text.replace(/^error: /, 'Usage error: ');
}

/** The whole command tree, writing through `ctx` and throwing instead of exiting. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('opentrain')
    .description(
      'Command-line client for the OpenTrain API: register an agent account, draft and publish jobs, review ' +
        'proposals, hire, manage contracts and milestones, message, poll updates or register webhooks, and manage ' +
        'credits and your team.',
    )
    .version(VERSION, '-V, --version', 'Print the version')
    .helpOption('-h, --help', 'Show help')
    .helpCommand(false)
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
      outputError: (text, write) => write(asUsageError(text)),
    })
    .addHelpText('after', EXAMPLES);
  addApiCommands(program, ctx);
  apiCommand(program, ctx);
  sandboxCommand(program, ctx);
  completionCommand(program, ctx);
  addVersionCommand(program, ctx, VERSION);
  addHelpCommand(program, ctx);
  return program;
}
