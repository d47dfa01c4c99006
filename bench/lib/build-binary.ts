import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { REPO_ROOT, sdkSource } from './sdk-paths.js';

const WORKSPACE_SDK = /^@opentrain-ai\/sdk(\/.*)?$/;
const BARE_SPECIFIER = /^[^./]/;

/** `@opentrain-ai/sdk` and `@opentrain-ai/sdk/<entry>` as their source files, as the repo's tsconfig maps them. */
const workspaceSdk: esbuild.Plugin = {
  name: 'workspace-sdk',
  setup(build) {
    build.onResolve({ filter: WORKSPACE_SDK }, (args) => {
      const entry = WORKSPACE_SDK.exec(args.path)?.[1];
      return { path: entry ? sdkSource(`entries${entry}.ts`) : sdkSource('index.ts') };
    });
  },
};

/**
 * Keeps the packages matching `filter` as imports, as in an installed package, but of their installed files by
 * absolute URL: the output lives in a temporary folder with no node_modules of its own. `onResolved` hears each
 * specifier and the URL it became.
 */
export function installedPackages(
  filter: RegExp = BARE_SPECIFIER,
  onResolved: (specifier: string, url: string) => void = () => {},
): esbuild.Plugin {
  return {
    name: 'installed-packages',
    setup(build) {
      build.onResolve({ filter }, async (args) => {
        if (args.pluginData === 'resolving' || args.path.startsWith('node:')) return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: 'resolving',
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        if (resolved.external) return { path: resolved.path, external: true };
        const url = pathToFileURL(resolved.path).href;
        onResolved(args.path, url);
        return { path: url, external: true };
      });
    },
  };
}

export interface BinaryBuild {
  /** The package's `src/bin.ts`, or any script with the same kind of imports. */
  entry: string;
  outDir: string;
  /** Where bare imports are looked up when the entry's own folder has no node_modules (a script in a temp folder). */
  nodePaths?: string[];
}

/**
 * Builds a binary the way the packages' tsup configs do (ESM, node20, split chunks) and returns the path of the
 * built `bin.js`. The workspace SDK is compiled in from its sources; npm packages are loaded from their installs.
 */
export async function buildBinary({ entry, outDir, nodePaths = [] }: BinaryBuild): Promise<string> {
  await esbuild.build({
    entryPoints: { bin: entry },
    absWorkingDir: REPO_ROOT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: outDir,
    nodePaths,
    logLevel: 'error',
    plugins: [workspaceSdk, installedPackages()],
  });
  return path.join(outDir, 'bin.js');
}
