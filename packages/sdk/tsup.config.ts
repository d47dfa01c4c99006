import { readdirSync } from 'node:fs';
import { defineConfig } from 'tsup';

// Every file in src/entries/ is a subpath export (`@opentrain-ai/sdk/<name>`), matching package.json's "./*".
const subpaths = Object.fromEntries(
  readdirSync('src/entries')
    .filter((file) => file.endsWith('.ts'))
    .map((file) => [file.replace(/\.ts$/, ''), `src/entries/${file}`]),
);

export default defineConfig({
  entry: { index: 'src/index.ts', ...subpaths },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // Shared chunks keep the core in one place when several entries are imported together.
  splitting: true,
  treeshake: true,
});
