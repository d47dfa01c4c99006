// `pnpm fetch-spec`: downloads the OpenAPI documents OpenTrain serves and prints how they differ from ours.
//
//   tsx scripts/fetch-spec.ts [--base-url <url>] [--spec-dir <dir>] [--timeout <ms>] [--write]
//
// The base URL defaults to $OPENTRAIN_BASE_URL, then https://app.opentrain.ai. --write saves each downloaded
// document next to ours as <name>.served.json for a closer look.
import { writeFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { diffSpecs, formatChanges } from './fetch-spec/diff.js';
import { downloadSpec } from './fetch-spec/download.js';
import { loadSpec } from './generate/generated-files.js';

const DEFAULT_BASE_URL = 'https://app.opentrain.ai';
const DOCUMENTS = [
  { title: 'Public API', servedPath: '/api/public/v1/openapi.json', file: 'public-v1.yaml' },
  { title: 'Platform API', servedPath: '/api/partner/v1/openapi.json', file: 'partner-v1.yaml' },
] as const;

function baseUrlOf(value: string): URL {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
    return url;
  } catch {
    throw new Error(`--base-url must be an http(s) URL such as ${DEFAULT_BASE_URL}, got "${value}"`);
  }
}

function timeoutOf(value: string): number {
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms <= 0)
    throw new Error(`--timeout must be a positive number of milliseconds, got "${value}"`);
  return ms;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'base-url': { type: 'string', default: process.env.OPENTRAIN_BASE_URL || DEFAULT_BASE_URL },
      'spec-dir': { type: 'string', default: fileURLToPath(new URL('../spec', import.meta.url)) },
      timeout: { type: 'string', default: '15000' },
      write: { type: 'boolean', default: false },
    },
  });
  const baseUrl = baseUrlOf(values['base-url']);
  const timeoutMs = timeoutOf(values.timeout);
  const specDir = resolve(values['spec-dir']);
  const shownDir = relative(process.cwd(), specDir) || '.';

  const reports: string[] = [];
  for (const document of DOCUMENTS) {
    const ours = await loadSpec(specDir, document.file);
    const url = new URL(document.servedPath, baseUrl).href;
    const served = await downloadSpec(url, { timeoutMs });
    if (values.write) {
      const target = join(specDir, `${basename(document.file, '.yaml')}.served.json`);
      await writeFile(target, `${JSON.stringify(served, null, 2)}\n`);
      reports.push(`saved ${url} to ${relative(process.cwd(), target)}`);
    }
    reports.push(
      formatChanges(
        `${document.title}: ${url} compared with ${join(shownDir, document.file)}`,
        diffSpecs(ours, served),
      ),
    );
  }
  console.log(reports.join('\n\n'));
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`fetch-spec: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
