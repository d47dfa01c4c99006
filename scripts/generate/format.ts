// Formats generated TypeScript with the repository's biome formatter settings.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Formats every file under `dir` in place. The root biome.json skips generated folders, so its formatter settings
 * are copied into a config of their own for `dir`.
 */
export async function formatWithBiome(dir: string): Promise<void> {
  const rootConfig = JSON.parse(await readFile(join(repoRoot, 'biome.json'), 'utf8'));
  const config = {
    formatter: rootConfig.formatter,
    javascript: rootConfig.javascript,
    linter: { enabled: false },
    assist: { enabled: false },
  };
  await writeFile(join(dir, 'biome.json'), JSON.stringify(config));
  const biome = join(repoRoot, 'node_modules', '.bin', 'biome');
  try {
    await run(biome, ['format', '--write', '--config-path', dir, dir], { cwd: dir });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`biome could not format the generated code:\n${stdout}${stderr}`);
  }
}
