import { text } from 'node:stream/consumers';
import type { CliContext } from './io.js';
import { runCli } from './run.js';

// The only file that touches `process`: it hands the real streams and environment to the CLI and sets the exit code.

// Output piped into a command that stops reading early (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const context: CliContext = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  readStdin: () => text(process.stdin),
  untilStopped: () =>
    new Promise((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    }),
};

process.exitCode = await runCli(process.argv.slice(2), context);
