// Bundle size of the SDK as an app's bundler sees it: minified + gzip, against the core entry's aim and ceiling and
// against openapi-fetch alone, plus the schema chunk that request validation loads on first use.
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { isEntryScript, kB, printTable, times } from './lib/format.js';
import type { BenchOutcome } from './lib/outcome.js';
import { REPO_ROOT, SDK_DIR, sdkSource, shortModuleName } from './lib/sdk-paths.js';

/**
 * What the core entry may weigh, minified + gzip (1 kB = 1000 bytes), everything it exports included. Enforced: above
 * it the script exits 1, so CI fails. Code that only some calls need (the zod schemas, webhook signing) loads lazily
 * in chunks of its own, reported below the core.
 */
export const CORE_AIM_BYTES = 12_000;
// Nothing is written (write: false), but esbuild needs an output folder to name the chunks.
const OUT_DIR = path.join(tmpdir(), 'opentrain-bench-bundle');

/** A file to bundle, or consumer source code (resolved from the SDK package, where its dependencies live). */
type Entry = { file: string } | { source: string };

interface OutputFile {
  key: string;
  text: string;
  gzipBytes: number;
  meta: esbuild.Metafile['outputs'][string];
}

interface Built {
  files: Map<string, OutputFile>;
  entryKey: string;
}

interface Size {
  files: number;
  bytes: number;
  gzipBytes: number;
}

async function build(entry: Entry, { external = [] as string[], keepWhitespace = false } = {}): Promise<Built> {
  const result = await esbuild.build({
    ...('file' in entry
      ? { entryPoints: [entry.file] }
      : { stdin: { contents: entry.source, resolveDir: SDK_DIR, loader: 'ts' as const } }),
    absWorkingDir: REPO_ROOT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minifySyntax: true,
    minifyIdentifiers: true,
    minifyWhitespace: !keepWhitespace,
    external,
    write: false,
    metafile: true,
    outdir: OUT_DIR,
    logLevel: 'error',
  });
  const files = new Map<string, OutputFile>();
  for (const output of result.outputFiles) {
    // Metafile keys are relative to absWorkingDir, with forward slashes.
    const key = path.relative(REPO_ROOT, output.path).split(path.sep).join('/');
    const meta = result.metafile.outputs[key];
    if (!meta || key.endsWith('.map')) continue;
    files.set(key, { key, text: output.text, gzipBytes: gzipSync(output.contents).length, meta });
  }
  const entryKey = [...files.values()].find((file) => file.meta.entryPoint)?.key;
  if (!entryKey) throw new Error('esbuild produced no entry chunk');
  return { files, entryKey };
}

/** The files reachable from `start` through imports of the given kinds, `start` included. */
function reachable(built: Built, start: readonly string[], kinds: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...start];
  for (let key = queue.pop(); key !== undefined; key = queue.pop()) {
    if (seen.has(key)) continue;
    seen.add(key);
    for (const imported of built.files.get(key)?.meta.imports ?? []) {
      if (kinds.includes(imported.kind) && built.files.has(imported.path)) queue.push(imported.path);
    }
  }
  return seen;
}

/** What loads with the entry: the entry chunk and every chunk it imports statically. */
const initialFiles = (built: Built) => reachable(built, [built.entryKey], ['import-statement']);

/**
 * What loads later, through `import()` of the modules whose paths contain one of `modules`: those chunks and
 * everything they need beyond the initial load.
 */
function lazyFiles(built: Built, ...modules: string[]): Set<string> {
  const initial = initialFiles(built);
  const imports = built.files.get(built.entryKey)?.meta.imports ?? [];
  const starts = modules.map((module) => {
    const lazyEntry = imports.find((imported) => imported.kind === 'dynamic-import' && imported.path.includes(module));
    if (!lazyEntry) throw new Error(`the core entry does not load ${module} lazily`);
    return lazyEntry.path;
  });
  const chunks = reachable(built, starts, ['import-statement']);
  return new Set([...chunks].filter((key) => !initial.has(key)));
}

/** What the first validated request loads: the schemas and the code that runs them. */
const VALIDATION_CHUNKS = ['operation-schemas', 'schema-issues'];

function sizeOf(built: Built, keys: Iterable<string>): Size {
  const size = { files: 0, bytes: 0, gzipBytes: 0 };
  for (const key of keys) {
    const file = built.files.get(key);
    if (!file) continue;
    size.files += 1;
    size.bytes += file.meta.bytes;
    size.gzipBytes += file.gzipBytes;
  }
  return size;
}

interface Part {
  module: string;
  minifiedBytes: number;
  /** How much smaller the gzip of the entry chunk gets without this module's code. */
  gzipShare: number;
}

/**
 * What the core entry chunk is made of. Minified bytes per module come from the metafile; the gzip share of a module
 * is estimated leave-one-out (gzip of the chunk minus gzip of the chunk without that module's code) on a build that
 * keeps whitespace, where esbuild marks where each module's code starts (with its path relative to absWorkingDir).
 */
async function coreParts(entryFile: string, minified: Built): Promise<Part[]> {
  const minifiedBytes = new Map<string, number>();
  for (const key of initialFiles(minified)) {
    for (const [input, { bytesInOutput }] of Object.entries(minified.files.get(key)?.meta.inputs ?? {})) {
      const module = shortModuleName(input);
      minifiedBytes.set(module, (minifiedBytes.get(module) ?? 0) + bytesInOutput);
    }
  }

  const readable = await build({ file: entryFile }, { keepWhitespace: true });
  const text = readable.files.get(readable.entryKey)?.text ?? '';
  const fullGzip = gzipSync(text).length;
  const marginalGzip = new Map<string, number>();
  let start = 0;
  for (const segment of text.split(/^(?=\/\/ \S+\.[cm]?[jt]s$)/m)) {
    const end = start + segment.length;
    const marker = /^\/\/ (\S+)\n/.exec(segment)?.[1];
    if (marker) {
      const module = shortModuleName(marker);
      const saved = fullGzip - gzipSync(text.slice(0, start) + text.slice(end)).length;
      marginalGzip.set(module, (marginalGzip.get(module) ?? 0) + saved);
    }
    start = end;
  }
  return [...minifiedBytes]
    .map(([module, bytes]) => ({ module, minifiedBytes: bytes, gzipShare: (marginalGzip.get(module) ?? 0) / fullGzip }))
    .sort((a, b) => b.minifiedBytes - a.minifiedBytes);
}

export async function runBundleSize(): Promise<BenchOutcome> {
  const coreEntry = sdkSource('index.ts');
  const schemasEntry = sdkSource('entries/schemas.ts');
  const [baseline, core, coreWithoutZod, openTrainOnly, schemas, schemasWithoutZod] = await Promise.all([
    build({ source: "export * from 'openapi-fetch';\nexport { default } from 'openapi-fetch';" }),
    build({ file: coreEntry }),
    build({ file: coreEntry }, { external: ['zod'] }),
    build({ source: `export { OpenTrain } from ${JSON.stringify(coreEntry)};` }),
    build({ file: schemasEntry }),
    build({ file: schemasEntry }, { external: ['zod'] }),
  ]);

  const baselineSize = sizeOf(baseline, initialFiles(baseline));
  const coreSize = sizeOf(core, initialFiles(core));
  const rows: [string, Size, boolean][] = [
    ['openapi-fetch alone (baseline)', baselineSize, false],
    ['@opentrain-ai/sdk core entry, every export (checked)', coreSize, true],
    ['@opentrain-ai/sdk, `import { OpenTrain }` only', sizeOf(openTrainOnly, initialFiles(openTrainOnly)), true],
    [
      'schema chunks, loaded on the first validated request',
      sizeOf(core, lazyFiles(core, ...VALIDATION_CHUNKS)),
      false,
    ],
    [
      '  the same without zod (the app bundles zod anyway)',
      sizeOf(coreWithoutZod, lazyFiles(coreWithoutZod, ...VALIDATION_CHUNKS)),
      false,
    ],
    ['webhook chunk, loaded on the first verify/unwrap/sign', sizeOf(core, lazyFiles(core, 'signing')), false],
    ['@opentrain-ai/sdk/schemas entry', sizeOf(schemas, initialFiles(schemas)), false],
    ['  the same without zod', sizeOf(schemasWithoutZod, initialFiles(schemasWithoutZod)), false],
  ];

  console.log(`Bundle size: esbuild ${esbuild.version}, ESM for browsers, minified, dependencies bundled`);
  console.log('(min+gzip: each file gzipped at zlib level 6 and summed, as a browser downloads them)\n');
  printTable(
    ['bundle', 'files', 'min', 'min+gzip', `vs ${kB(CORE_AIM_BYTES)} aim`, 'vs openapi-fetch'],
    rows.map(([name, size, checked]) => [
      name,
      String(size.files),
      kB(size.bytes),
      kB(size.gzipBytes),
      checked ? times(size.gzipBytes / CORE_AIM_BYTES) : '',
      times(size.gzipBytes / baselineSize.gzipBytes),
    ]),
  );

  console.log('\nWhat the core entry is made of (largest first):');
  const parts = await coreParts(coreEntry, core);
  const totalMinified = parts.reduce((sum, part) => sum + part.minifiedBytes, 0);
  printTable(
    ['module', 'min', 'share of min', '≈ min+gzip'],
    parts
      .slice(0, 12)
      .map((part) => [
        part.module,
        kB(part.minifiedBytes),
        `${((part.minifiedBytes / totalMinified) * 100).toFixed(1)}%`,
        `${kB(part.gzipShare * coreSize.gzipBytes)} (${(part.gzipShare * 100).toFixed(0)}%)`,
      ]),
  );

  const ok = coreSize.gzipBytes <= CORE_AIM_BYTES;
  const verdict =
    `core entry ${kB(coreSize.gzipBytes)} min+gzip, ${times(coreSize.gzipBytes / CORE_AIM_BYTES)} the ` +
    `${kB(CORE_AIM_BYTES)} aim: ${ok ? 'within it' : 'OVER IT'}`;
  console.log(`\n${verdict}`);
  const lazy = sizeOf(core, lazyFiles(core, ...VALIDATION_CHUNKS));
  return {
    ok,
    summary: [
      verdict,
      `core entry is ${times(coreSize.gzipBytes / baselineSize.gzipBytes)} openapi-fetch alone (${kB(baselineSize.gzipBytes)})`,
      `request validation loads ${kB(lazy.gzipBytes)} min+gzip more on the first request (zod included)`,
    ],
  };
}

if (isEntryScript(import.meta.url)) {
  const { ok } = await runBundleSize();
  if (!ok) process.exitCode = 1;
}
