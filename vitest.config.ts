import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the sources, so no build is needed before `pnpm test`.
    alias: [
      { find: /^@opentrain-ai\/sdk\/(.*)$/, replacement: src('./packages/sdk/src/entries/$1.ts') },
      { find: /^@opentrain-ai\/sdk$/, replacement: src('./packages/sdk/src/index.ts') },
      { find: /^@opentrain-ai\/sandbox$/, replacement: src('./packages/sandbox/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'scripts/test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
