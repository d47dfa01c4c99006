// `pnpm bench`: every benchmark in turn, then a short summary. Exits non-zero when a size ceiling is exceeded.
import { runBundleSize } from './bundle-size.js';
import { runCliMcpStartup } from './cli-mcp-startup.js';
import type { BenchOutcome } from './lib/outcome.js';
import { runSdkOverhead } from './sdk-overhead.js';
import { runStartup } from './startup.js';

const benchmarks: [string, () => Promise<BenchOutcome>][] = [
  ['bundle size', runBundleSize],
  ['start-up', runStartup],
  ['CLI and MCP start-up', runCliMcpStartup],
  ['SDK overhead', runSdkOverhead],
];

const outcomes: [string, BenchOutcome][] = [];
for (const [name, run] of benchmarks) {
  console.log(`\n=== ${name} ===\n`);
  outcomes.push([name, await run()]);
}

console.log('\n=== summary ===\n');
for (const [name, outcome] of outcomes) {
  console.log(`${name}${outcome.ok ? '' : ' (FAILED)'}:`);
  for (const line of outcome.summary) console.log(`  ${line}`);
}
if (outcomes.some(([, outcome]) => !outcome.ok)) process.exitCode = 1;
