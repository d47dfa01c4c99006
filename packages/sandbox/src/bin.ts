import { parseArgs } from 'node:util';
import { startSandbox } from './node/server.js';

const USAGE = `Usage: opentrain-sandbox [--port 4010] [--state file.json] [--seed 1]

Runs a local OpenTrain on 127.0.0.1 and prints its base URL.
  --port   TCP port to listen on (0 picks a free one; default 4010)
  --state  JSON file to load the state from and save it to after every change (default: in memory)
  --seed   number that seeds ids and tokens of a fresh state (default 1)
`;

function fail(message: string): never {
  process.stderr.write(`opentrain-sandbox: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function integerFlag(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > max) {
    fail(`--${name} must be a whole number from 0 to ${max}, got "${value}"`);
  }
  return parsed;
}

async function main(): Promise<void> {
  let values: { port?: string; state?: string; seed?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', short: 'p' },
        state: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const running = await startSandbox({
    port: integerFlag('port', values.port, 4010, 65535),
    seed: integerFlag('seed', values.seed, 1, 2 ** 32 - 1),
    stateFile: values.state,
  });
  process.stdout.write(`${running.url}\n`);
  process.stderr.write(
    `OpenTrain sandbox listening on ${running.url} (state ${values.state ? `in ${values.state}` : 'in memory'}). ` +
      'Press Ctrl+C to stop.\n',
  );
  const stop = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`opentrain-sandbox: ${(error as Error).message}\n`);
  process.exit(1);
});
