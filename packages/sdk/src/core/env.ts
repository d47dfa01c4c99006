/**
 * Reads an environment variable where one exists. Looked up through `globalThis` at call time so the core runs on
 * runtimes without `process` (workers, browsers, Deno without --allow-env) instead of failing at import.
 */
export function readEnv(name: string): string | undefined {
  try {
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    const value = env?.[name]?.trim();
    return value ? value : undefined;
  } catch {
    // Deno throws when env access is not permitted; treat it as unset.
    return undefined;
  }
}

/** The first variable of `names` that is set, with its name (callers report where a value came from). */
export function readFirstEnv(names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = readEnv(name);
    if (value !== undefined) return { name, value };
  }
  return undefined;
}

export const DEFAULT_BASE_URL = 'https://app.opentrain.ai';

/**
 * The token and base-URL variables, in order of precedence. The SDK-prefixed name comes first: it is set on purpose
 * for OpenTrain tools, while `OT_API_TOKEN` is also the shell variable of the documentation's curl examples.
 */
export const PUBLIC_TOKEN_ENV = ['OPENTRAIN_API_TOKEN', 'OT_API_TOKEN'] as const;
export const PARTNER_TOKEN_ENV = ['OPENTRAIN_PARTNER_TOKEN', 'OT_PARTNER_TOKEN'] as const;
export const BASE_URL_ENV = ['OPENTRAIN_API_BASE_URL', 'OT_API_BASE_URL'] as const;
export const LOG_LEVEL_ENV = 'OPENTRAIN_LOG';
