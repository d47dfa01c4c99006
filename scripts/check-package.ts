// `pnpm check:package` (after the SDK build): checks what npm would publish for @opentrain-ai/sdk. publint lints
// package.json against the packed files; attw resolves every entry point (the root and each `./<name>` subpath,
// from src/entries/) as ESM and CJS, types included, the way Node 16+ and bundlers do.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const sdk = join(root, 'packages', 'sdk');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

// "./*" in the exports map cannot be enumerated by attw, so the subpaths are listed from the entry files.
const subpaths = readdirSync(join(sdk, 'src', 'entries'))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => `./${file.replace(/\.ts$/, '')}`)
  .sort();

function run(command: string, args: string[]): void {
  console.log(`$ ${[command.split('/').pop(), ...args].join(' ')}`);
  execFileSync(command, args, { cwd: root, stdio: 'inherit' });
}

try {
  // npm pack rather than pnpm pack: it needs nothing but Node, and the SDK has no workspace dependencies.
  run(bin('publint'), ['--strict', '--pack', 'npm', sdk]);
  // node10 resolution has no "exports" support; the package requires Node 20, so node16 is the oldest profile.
  run(bin('attw'), ['--pack', sdk, '--profile', 'node16', '--include-entrypoints', ...subpaths]);
} catch {
  process.exitCode = 1;
}
