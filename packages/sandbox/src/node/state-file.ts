import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { reviveState } from '../state/create.js';
import type { SandboxState } from '../state/types.js';

/** Reads a saved state; `undefined` when the file does not exist yet. Throws a message naming the file otherwise. */
export async function loadStateFile(path: string): Promise<SandboxState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`Cannot read the sandbox state file ${path}: ${(error as Error).message}`);
  }
  try {
    return reviveState(JSON.parse(text));
  } catch (error) {
    throw new Error(`The sandbox state file ${path} is not a valid sandbox state: ${(error as Error).message}`);
  }
}

/**
 * Returns a writer that replaces the file atomically: the state goes to a temporary file in the same folder, is
 * flushed to disk, and is then renamed over the old one, so a crash leaves either the old or the new state.
 */
export function stateFileWriter(path: string): (json: string) => Promise<void> {
  let sequence = 0;
  return async (json) => {
    const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${sequence++}.tmp`);
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(`${json}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temporary, path);
    } catch (error) {
      await unlink(temporary).catch(() => {});
      throw error;
    }
  };
}
