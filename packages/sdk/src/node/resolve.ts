import { OpenTrain } from '../client.js';
import { BASE_URL_ENV, DEFAULT_BASE_URL, PUBLIC_TOKEN_ENV } from '../core/env.js';
import type { TransportOptions } from '../core/transport.js';
import { type Credentials, credentialsPath, type Env, readCredentials } from './credentials-file.js';

/** Where a value came from: `option` (a flag), `env:<NAME>`, `file` or `default`. */
export type CredentialSource = 'option' | `env:${string}` | 'file' | 'default';

export interface ResolvedCredentials {
  apiToken: string | undefined;
  apiTokenSource: CredentialSource | undefined;
  baseUrl: string;
  baseUrlSource: CredentialSource;
  /** The credentials file that was (or would be) consulted. */
  path: string;
}

export interface ResolveOptions {
  /** A token given explicitly (the CLI's `--api-key`). */
  apiKey?: string;
  /** A base URL given explicitly (the CLI's `--base-url`). */
  baseUrl?: string;
  /** Default: `process.env`. */
  env?: Env;
  /** Default: `${XDG_CONFIG_HOME:-~/.config}/opentrain/cli.json`. */
  path?: string;
  /**
   * The token variables to read, in order. Default: `OPENTRAIN_API_TOKEN`, `OT_API_TOKEN` (the CLI's); the MCP server
   * reads `OPENTRAIN_PERSONAL_API_TOKEN` only.
   */
  tokenEnv?: readonly string[];
  /** The base-URL variables to read, in order. Default: `OPENTRAIN_API_BASE_URL`, `OT_API_BASE_URL`. */
  baseUrlEnv?: readonly string[];
}

function fromEnv(env: Env, names: readonly string[]): { value: string; source: CredentialSource } | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { value, source: `env:${name}` };
  }
  return undefined;
}

/**
 * Resolves the token and base URL the way the CLI and MCP server do.
 * Token: option → `OPENTRAIN_API_TOKEN` / `OT_API_TOKEN` → file.
 * Base URL: option → `OPENTRAIN_API_BASE_URL` / `OT_API_BASE_URL` → file → https://app.opentrain.ai.
 * The file is read only when an option or variable did not settle both, so a broken file does not get in the way
 * of explicit settings.
 */
export async function resolveCredentials(options: ResolveOptions = {}): Promise<ResolvedCredentials> {
  const env = options.env ?? process.env;
  const path = options.path ?? credentialsPath(env);
  const token = options.apiKey
    ? { value: options.apiKey, source: 'option' as const }
    : fromEnv(env, options.tokenEnv ?? PUBLIC_TOKEN_ENV);
  const base = options.baseUrl
    ? { value: options.baseUrl, source: 'option' as const }
    : fromEnv(env, options.baseUrlEnv ?? BASE_URL_ENV);

  let file: Credentials | undefined;
  if (!token || !base) file = await readCredentials({ path });

  const fileToken = file?.apiToken ? { value: file.apiToken, source: 'file' as const } : undefined;
  const fileBase = file?.baseUrl ? { value: file.baseUrl, source: 'file' as const } : undefined;
  const apiToken = token ?? fileToken;
  const baseUrl = base ?? fileBase ?? { value: DEFAULT_BASE_URL, source: 'default' as const };
  return {
    apiToken: apiToken?.value,
    apiTokenSource: apiToken?.source,
    baseUrl: baseUrl.value,
    baseUrlSource: baseUrl.source,
    path,
  };
}

/** An `OpenTrain` client set up from the resolved token and base URL. */
export async function clientFromCredentials(
  options: ResolveOptions & Omit<TransportOptions, 'apiKey' | 'baseUrl'> = {},
): Promise<OpenTrain> {
  const { apiKey, baseUrl, env, path, tokenEnv, baseUrlEnv, ...clientOptions } = options;
  const resolved = await resolveCredentials({ apiKey, baseUrl, env, path, tokenEnv, baseUrlEnv });
  // `null` rather than undefined: the environment was already consulted, with `env` if one was given.
  return new OpenTrain({ ...clientOptions, apiKey: resolved.apiToken ?? null, baseUrl: resolved.baseUrl });
}
