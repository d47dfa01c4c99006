import type { RunningSandbox, ScenarioName } from '@opentrain-ai/sandbox';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { failure, UsageError } from '../errors.js';
import { type CliContext, type SandboxModule, writeLine } from '../io.js';
import { printLines } from '../output/print.js';

const PACKAGE = '@opentrain-ai/sandbox';

// Keyed by the sandbox's own scenario names: a scenario added there fails the type check here until it is described.
const SCENARIOS: Readonly<Record<ScenarioName, string>> = {
  empty: 'nothing at all',
  'unclaimed-agent': 'an agent account that no human has claimed yet',
  'claimed-employer': 'a claimed employer with a test card on file',
  'open-job': 'the claimed employer with one published job that simulated AI trainers apply to',
  'annotation-platform': 'the open job, plus a Platform app connected to the account',
};

const ABOUT = `
The sandbox is a stateful local OpenTrain on 127.0.0.1, for trying every command without a real account. It comes
in a separate package: npm install -g ${PACKAGE}

Scenarios for --scenario:
${Object.entries(SCENARIOS)
  .map(([name, about]) => `  ${name.padEnd(22)}${about}`)
  .join('\n')}

Examples:
  opentrain sandbox
  opentrain sandbox --port 0 --scenario open-job
  opentrain sandbox --state sandbox-state.json
`;

interface SandboxFlags {
  port: number;
  state?: string;
  scenario?: ScenarioName;
}

/** Text to a number; the sandbox itself checks the range when it starts. */
function wholeNumber(raw: string): number {
  if (!/^\d+$/.test(raw.trim())) throw new InvalidArgumentError('Expected a whole number (0 picks a free port).');
  return Number(raw);
}

function isMissingPackage(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'ERR_MODULE_NOT_FOUND' && typeof message === 'string' && message.includes(`'${PACKAGE}'`);
}

async function loadSandbox(ctx: CliContext): Promise<SandboxModule> {
  const load = ctx.importSandbox ?? (() => import('@opentrain-ai/sandbox'));
  try {
    return await load();
  } catch (error) {
    if (!isMissingPackage(error)) throw error;
    throw failure(
      `'opentrain sandbox' runs the ${PACKAGE} package, which is not installed. ` +
        `Install it with: npm install -g ${PACKAGE}`,
    );
  }
}

/** A sandbox bug or a failed save while it runs: shown like everything else the CLI prints, never thrown. */
function reportSandboxError(ctx: CliContext): (error: unknown) => void {
  return (error) => writeLine(ctx.stderr, `Sandbox error: ${error instanceof Error ? error.message : String(error)}`);
}

async function start(ctx: CliContext, sandbox: SandboxModule, flags: SandboxFlags): Promise<RunningSandbox> {
  try {
    return await sandbox.startSandbox({
      port: flags.port,
      stateFile: flags.state,
      onUnexpectedError: reportSandboxError(ctx),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw failure(`port ${flags.port} is already in use; choose another with --port (0 picks a free one)`);
    }
    // Before it listens, the sandbox checks its options (the port's range, the state file) and throws a plain Error
    // naming the problem; failing to listen comes with a system error code instead.
    if (code !== undefined || !(error instanceof Error)) throw error;
    throw new UsageError(error.message.replace(/^startSandbox: /, ''));
  }
}

/** What a seeded scenario gave, without its tokens (they are never printed), and where to get a key for it. */
function seededLines(running: RunningSandbox, scenario: ScenarioName, result: Record<string, unknown>): string[] {
  const ids = Object.entries(result).filter(([key, value]) => typeof value === 'string' && !/token/i.test(key));
  const made = ids.map(([key, value]) => `${key} ${value}`).join(', ');
  const lines = [`Seeded ${scenario}${made ? `: ${made}` : ''}.`];
  const accountId = typeof result.accountId === 'string' ? result.accountId : undefined;
  if (accountId && running.sandbox.state.accounts[accountId]?.claimed) {
    lines.push(
      `A human mints an API key for this account at ${running.url}/employer-settings?tab=api-keys&accountId=` +
        `${accountId}; then: export OPENTRAIN_API_TOKEN=<the key>`,
    );
  }
  if (ids.length < Object.keys(result).length) {
    lines.push(`Its tokens are not printed; a script that needs them seeds with POST ${running.url}/_sandbox/seed.`);
  }
  return lines;
}

/** `opentrain sandbox`: the local sandbox in the foreground, until Ctrl+C. */
export function sandboxCommand(program: Command, ctx: CliContext): Command {
  return program
    .command('sandbox')
    .description(`Run a local OpenTrain sandbox to point the CLI at, until Ctrl+C (needs ${PACKAGE})`)
    .addOption(
      new Option('--port <number>', 'Port to listen on at 127.0.0.1 (0 picks a free one)')
        .argParser(wholeNumber)
        .default(4010),
    )
    .addOption(
      new Option(
        '--state <file>',
        'Load the state from this JSON file and save it there after every change (default: in memory)',
      ),
    )
    .addOption(
      new Option('--scenario <name>', 'Start from a scenario, replacing any state loaded from --state').choices(
        Object.keys(SCENARIOS),
      ),
    )
    .addHelpText('after', ABOUT)
    .action(async (flags: SandboxFlags) => {
      const running = await start(ctx, await loadSandbox(ctx), flags);
      try {
        const seeded = flags.scenario ? await running.sandbox.control.seed(flags.scenario) : undefined;
        writeLine(ctx.stdout, running.url);
        writeLine(
          ctx.stderr,
          `OpenTrain sandbox listening on ${running.url} (state ${flags.state ? `saved in ${flags.state}` : 'in memory'}).`,
        );
        writeLine(
          ctx.stderr,
          `Point the CLI at it with --base-url ${running.url}, or for this shell: ` +
            `export OPENTRAIN_API_BASE_URL=${running.url}`,
        );
        if (flags.scenario && seeded) printLines(ctx.stderr, seededLines(running, flags.scenario, seeded));
        // Listening for Ctrl+C starts before the prompt, so a stop request right after it is never missed.
        const stopRequested = ctx.untilStopped?.() ?? new Promise<void>(() => {});
        writeLine(ctx.stderr, 'Press Ctrl+C to stop.');
        await stopRequested;
      } finally {
        await running.close();
      }
      writeLine(ctx.stderr, 'Sandbox stopped.');
    });
}
