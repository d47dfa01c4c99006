import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './fixtures.js';

export interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one of the repository's scripts the way `pnpm <script>` does, capturing its output and exit code. */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<ScriptResult> {
  return new Promise((resolve) => {
    execFile(
      join(repoRoot, 'node_modules', '.bin', 'tsx'),
      [join(repoRoot, script), ...args],
      { cwd: repoRoot, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
