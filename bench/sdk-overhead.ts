// Per-call overhead of the SDK against a hand-written fetch + JSON.parse for the same requests, first against an
// in-process target (so only client-side work is measured), then end to end against the sandbox on loopback.
import { deepStrictEqual } from 'node:assert/strict';
import { startSandbox } from '@opentrain-ai/sandbox';
import { type FetchFunction, OpenTrain } from '@opentrain-ai/sdk';
import { count, isEntryScript, printTable, times } from './lib/format.js';
import { BASE_URL, inProcessFetch, JOBS_PER_PAGE, PAGE_COUNT, TOKEN } from './lib/in-process-api.js';
import type { BenchOutcome } from './lib/outcome.js';
import { rawListMyJobs, rawMe } from './lib/raw-client.js';
import { compareThroughput, type ThroughputOptions, type Variant } from './lib/stats.js';

const TIMING: ThroughputOptions = { warmupMs: 300, sampleMs: 250, rounds: 7 };
// A loopback round trip varies far more than in-process work, so it gets more rounds.
const LOOPBACK_TIMING: ThroughputOptions = { warmupMs: 300, sampleMs: 250, rounds: 11 };

interface Target {
  fetch: FetchFunction;
  baseUrl: string;
  token: string;
}

/** One request pattern, done by hand (the baseline) and by the SDK with and without request validation. */
interface Comparison {
  title: string;
  baseline: Variant;
  validated: Variant;
  unvalidated: Variant;
}

function client(target: Target, validateRequests: boolean): OpenTrain {
  // logLevel pinned to the default so an OPENTRAIN_LOG in the environment cannot change what is measured.
  return new OpenTrain({ ...target, apiKey: target.token, validateRequests, logLevel: 'warn' });
}

function meComparison(title: string, target: Target): Comparison {
  const validated = client(target, true);
  const unvalidated = client(target, false);
  return {
    title,
    baseline: {
      name: 'raw fetch + JSON.parse (baseline)',
      run: () => rawMe(target.fetch, target.baseUrl, target.token),
    },
    validated: { name: 'ot.auth.me(), validation on', run: () => validated.auth.me() },
    unvalidated: { name: 'ot.auth.me(), validateRequests: false', run: () => unvalidated.auth.me() },
  };
}

async function collect(ot: OpenTrain): Promise<unknown[]> {
  const jobs: unknown[] = [];
  for await (const job of ot.jobs.listMine()) jobs.push(job);
  return jobs;
}

function listComparison(title: string, target: Target): Comparison {
  const validated = client(target, true);
  const unvalidated = client(target, false);
  return {
    title,
    baseline: {
      name: 'hand-written cursor loop (baseline)',
      run: () => rawListMyJobs(target.fetch, target.baseUrl, target.token),
    },
    validated: { name: 'for await ot.jobs.listMine(), validation on', run: () => collect(validated) },
    unvalidated: { name: 'for await ot.jobs.listMine(), validateRequests: false', run: () => collect(unvalidated) },
  };
}

/** The SDK must produce exactly what the baseline produces, or the comparison would be meaningless. */
async function checkSameResults({ baseline, validated, unvalidated }: Comparison): Promise<void> {
  const expected = await baseline.run();
  for (const variant of [validated, unvalidated]) {
    deepStrictEqual(await variant.run(), expected, `${variant.name} differs from the baseline`);
  }
}

/** How far the slowest and fastest rounds were from the median: a ratio inside this noise means nothing. */
function spread(median: number, samples: readonly number[]): string {
  const percent = (value: number) => `${value >= median ? '+' : ''}${(((value - median) / median) * 100).toFixed(0)}%`;
  return `${percent(Math.min(...samples))} / ${percent(Math.max(...samples))}`;
}

/** Prints the comparison's table and returns its summary line. */
async function measure(comparison: Comparison, timing = TIMING): Promise<string> {
  await checkSameResults(comparison);
  const { baseline, validated, unvalidated } = comparison;
  const results = await compareThroughput([baseline, validated, unvalidated], timing);
  const baselineOps = results[0]?.opsPerSec ?? Number.NaN;
  const ratio = (index: number) => times((results[index]?.opsPerSec ?? Number.NaN) / baselineOps);
  console.log(`\n${comparison.title}`);
  printTable(
    ['variant', 'ops/s', 'rounds range', 'µs/op', 'vs baseline', 'added µs/op'],
    results.map(({ name, opsPerSec, samples }, index) => [
      name,
      count(opsPerSec),
      spread(opsPerSec, samples),
      (1e6 / opsPerSec).toFixed(1),
      ratio(index),
      index === 0 ? '-' : (1e6 / opsPerSec - 1e6 / baselineOps).toFixed(1),
    ]),
  );
  return `${comparison.title}: ${ratio(1)} the baseline's ops/s with validation, ${ratio(2)} without`;
}

export async function runSdkOverhead(): Promise<BenchOutcome> {
  console.log('SDK overhead: throughput of SDK calls against hand-written fetch calls to the same target');
  console.log(
    `(median of ${TIMING.rounds} rounds of ${TIMING.sampleMs} ms each after a ${TIMING.warmupMs} ms warm-up; ` +
      `${LOOPBACK_TIMING.rounds} rounds on loopback)`,
  );
  const inProcess: Target = { fetch: inProcessFetch, baseUrl: BASE_URL, token: TOKEN };
  const pages = `${PAGE_COUNT} pages of ${JOBS_PER_PAGE}`;
  const summary = [
    await measure(meComparison('GET auth/me, in-process target', inProcess)),
    await measure(listComparison(`GET jobs/mine, all ${pages}, in-process target`, inProcess)),
  ];

  const running = await startSandbox({ port: 0 });
  try {
    const { token } = (await running.sandbox.control.seed('claimed-employer')) as { token: string };
    const loopback: Target = { fetch: (request) => globalThis.fetch(request), baseUrl: running.url, token };
    summary.push(
      await measure(meComparison('GET auth/me, sandbox on loopback (end to end)', loopback), LOOPBACK_TIMING),
    );
  } finally {
    await running.close();
  }
  return { summary, ok: true };
}

if (isEntryScript(import.meta.url)) await runSdkOverhead();
