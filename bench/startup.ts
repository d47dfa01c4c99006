// Import time of the SDK against openapi-fetch alone, each in a fresh Node process, from the same kind of build an
// installed package has (tsup's settings: ESM, es2022, split chunks, dependencies left as imports).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { installedPackages } from './lib/build-binary.js';
import { isEntryScript, ms, printTable, times } from './lib/format.js';
import type { BenchOutcome } from './lib/outcome.js';
import { REPO_ROOT, sdkSource } from './lib/sdk-paths.js';
import { median } from './lib/stats.js';

const RUNS = 15;
const DEPENDENCIES = /^(openapi-fetch|zod)(\/|$)/;

interface Built {
  /** file URLs of the built SDK entry, its lazily loaded schema module, and its dependencies as it imports them. */
  sdk: string;
  operationSchemas: string;
  openapiFetch: string;
  zod: string;
}

/**
 * Builds the SDK into `outDir` the way tsup does. The dependencies stay imports, pointed at their installed files by
 * absolute URL so the output can live in a temporary folder; openapi-fetch's URL is the baseline's too.
 */
async function buildSdk(outDir: string): Promise<Built> {
  const dependencyUrls = new Map<string, string>();
  await esbuild.build({
    entryPoints: { index: sdkSource('index.ts'), 'operation-schemas': sdkSource('generated/operation-schemas.ts') },
    absWorkingDir: REPO_ROOT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    outdir: outDir,
    logLevel: 'error',
    plugins: [installedPackages(DEPENDENCIES, (specifier, url) => dependencyUrls.set(specifier, url))],
  });
  const openapiFetch = dependencyUrls.get('openapi-fetch');
  const zod = dependencyUrls.get('zod');
  if (!openapiFetch || !zod) throw new Error('the SDK build did not import both openapi-fetch and zod');
  return {
    zod,
    sdk: pathToFileURL(path.join(outDir, 'index.js')).href,
    operationSchemas: pathToFileURL(path.join(outDir, 'operation-schemas.js')).href,
    openapiFetch,
  };
}

interface Subject {
  name: string;
  /** Imported, untimed, before the clock starts. */
  preload?: string;
  timed: string;
}

/** Milliseconds the `import()` of `subject.timed` takes in a fresh Node process. */
function importTime(subject: Subject): number {
  const script = [
    subject.preload ? `await import(${JSON.stringify(subject.preload)});` : '',
    'const started = performance.now();',
    `await import(${JSON.stringify(subject.timed)});`,
    'process.stdout.write(String(performance.now() - started));',
  ].join('\n');
  const output = execFileSync(process.execPath, ['--input-type=module', '--eval', script], { encoding: 'utf8' });
  const value = Number(output);
  if (!Number.isFinite(value)) throw new Error(`${subject.name}: the child printed ${JSON.stringify(output)}`);
  return value;
}

export async function runStartup(): Promise<BenchOutcome> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'opentrain-bench-startup-'));
  try {
    const built = await buildSdk(outDir);
    const subjects: Subject[] = [
      { name: 'openapi-fetch alone (baseline)', timed: built.openapiFetch },
      { name: '@opentrain-ai/sdk', timed: built.sdk },
      { name: 'schemas + zod, on the first validated request', preload: built.sdk, timed: built.operationSchemas },
      { name: '  of which zod alone', timed: built.zod },
    ];
    // One untimed run each fills the OS file cache; the runs then alternate so machine load hits all alike.
    for (const subject of subjects) importTime(subject);
    const runs = subjects.map(() => [] as number[]);
    for (let run = 0; run < RUNS; run++) {
      for (const [index, subject] of subjects.entries()) runs[index]?.push(importTime(subject));
    }
    const medians = runs.map((values) => median(values));
    const baseline = medians[0] ?? Number.NaN;

    console.log(`Start-up: import() time in a fresh Node ${process.version} process, median of ${RUNS} runs\n`);
    printTable(
      ['module', 'median', 'min', 'max', 'vs baseline'],
      subjects.map((subject, index) => [
        subject.name,
        ms(medians[index] ?? Number.NaN),
        ms(Math.min(...(runs[index] ?? []))),
        ms(Math.max(...(runs[index] ?? []))),
        index < 2 ? times((medians[index] ?? Number.NaN) / baseline) : '',
      ]),
    );
    const sdk = medians[1] ?? Number.NaN;
    return {
      ok: true,
      summary: [
        `importing the SDK takes ${ms(sdk)}, ${times(sdk / baseline)} openapi-fetch alone (${ms(baseline)})`,
        `the first validated request adds ${ms(medians[2] ?? Number.NaN)} to load the schemas and zod ` +
          `(zod alone: ${ms(medians[3] ?? Number.NaN)})`,
      ],
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (isEntryScript(import.meta.url)) await runStartup();
