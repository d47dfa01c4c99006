// `pnpm generate`: spec/*.yaml -> packages/sdk/src/generated/. `pnpm generate:check` fails when the committed
// output differs from what the spec produces.
//
//   tsx scripts/generate.ts [--check] [--root <repository folder>]
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findDrift, OUTPUT_DIR, renderGeneratedFiles, writeGeneratedFiles } from './generate/generated-files.js';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      root: { type: 'string', default: fileURLToPath(new URL('..', import.meta.url)) },
    },
  });
  const root = resolve(values.root);
  const outDir = join(root, OUTPUT_DIR);
  const files = await renderGeneratedFiles(root);

  if (values.check) {
    const drift = await findDrift(outDir, files);
    if (drift.length === 0) {
      console.log(`${OUTPUT_DIR} is up to date with the spec.`);
      return 0;
    }
    console.error(`${OUTPUT_DIR} is out of date with the spec. These files differ:`);
    for (const { file, kind } of drift) console.error(`  ${kind.padEnd(8)} ${OUTPUT_DIR}/${file}`);
    console.error('Run `pnpm generate` and commit the result. Generated files are never edited by hand.');
    return 1;
  }

  const drift = await writeGeneratedFiles(outDir, files);
  if (drift.length === 0) console.log(`${OUTPUT_DIR} was already up to date.`);
  for (const { file, kind } of drift) {
    const verb = kind === 'extra' ? 'removed' : kind === 'missing' ? 'created' : 'updated';
    console.log(`${verb.padEnd(8)} ${OUTPUT_DIR}/${file}`);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`generate: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
