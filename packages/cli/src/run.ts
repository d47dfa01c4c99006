import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import type { CliContext, Writer } from './io.js';
import { maskSecrets } from './output/mask.js';
import { terminalSafe } from './output/terminal-safe.js';
import { buildProgram } from './program.js';
import { reportError } from './report.js';

/**
 * The last line of defence: whatever a command prints, no token or signing secret and no control character from the
 * API's answers reaches the terminal.
 */
function safe(writer: Writer): Writer {
  return { write: (text: string) => writer.write(terminalSafe(maskSecrets(text))) };
}

/**
 * Runs one command line (without the program name) and returns its exit code. Nothing here touches `process`:
 * `bin.ts` passes the real streams and environment, tests pass their own.
 */
export async function runCli(argv: readonly string[], context: CliContext): Promise<ExitCodeValue> {
  const ctx: CliContext = { ...context, stdout: safe(context.stdout), stderr: safe(context.stderr) };
  const program = buildProgram(ctx);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return ExitCode.ok;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    return reportError(ctx, error);
  }
}
