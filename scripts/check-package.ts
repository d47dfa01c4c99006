// `pnpm check:package` (after `pnpm build`): checks what npm would publish. publint lints each package.json against
// its packed files; attw resolves every entry point of the SDK (the root and each `./<name>` subpath, from
// src/entries/) as ESM and CJS, types included, and the MCP server's ESM entry; and the built binaries must start.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkMcpBinary } from './lib/check-mcp-binary.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const packageDir = (name: string) => join(root, 'packages', name);
const sdk = packageDir('sdk');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

// "./*" in the exports map cannot be enumerated by attw, so the subpaths are listed from the entry files.
const subpaths = readdirSync(join(sdk, 'src', 'entries'))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => `./${file.replace(/\.ts$/, '')}`)
  .sort();

function run(command: string, args: string[]): string {
  console.log(`$ ${[command.split('/').pop(), ...args].join(' ')}`);
  return execFileSync(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
}

function versionOf(name: string): string {
  return (JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')) as { version: string }).version;
}

try {
  // npm pack rather than pnpm pack: it needs nothing but Node. It leaves `workspace:*` ranges as they are, which
  // publint does not judge; `pnpm publish` rewrites them.
  for (const name of ['sdk', 'sandbox', 'cli', 'mcp']) {
    process.stdout.write(run(bin('publint'), ['--strict', '--pack', 'npm', packageDir(name)]));
  }
  // node10 resolution has no "exports" support; the packages require Node 20, so node16 is the oldest profile.
  process.stdout.write(run(bin('attw'), ['--pack', sdk, '--profile', 'node16', '--include-entrypoints', ...subpaths]));
  process.stdout.write(run(bin('attw'), ['--pack', packageDir('mcp'), '--profile', 'esm-only']));

  const cliVersion = run(process.execPath, [join(packageDir('cli'), 'dist', 'bin.js'), '--version']).trim();
  if (cliVersion !== versionOf('cli')) throw new Error(`opentrain --version printed "${cliVersion}"`);
  console.log(`opentrain --version: ${cliVersion}`);
  const tools = await checkMcpBinary(join(packageDir('mcp'), 'dist', 'bin.js'));
  console.log(`opentrain-mcp over stdio: ${tools} tools listed`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
