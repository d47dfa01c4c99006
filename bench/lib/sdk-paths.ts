import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SDK_DIR = fileURLToPath(new URL('../../packages/sdk/', import.meta.url));

/** A file of the SDK's sources, e.g. `index.ts` or `entries/schemas.ts`. */
export const sdkSource = (relative: string): string =>
  fileURLToPath(new URL(`../../packages/sdk/src/${relative}`, import.meta.url));

/** A readable name for a bundled file: repo-relative, and a dependency by its package path only. */
export function shortModuleName(relativeToRepo: string): string {
  const marker = 'node_modules/';
  const at = relativeToRepo.lastIndexOf(marker);
  return at === -1 ? relativeToRepo : relativeToRepo.slice(at + marker.length);
}
