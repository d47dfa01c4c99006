import { DEFAULT_BASE_URL } from '@opentrain-ai/sdk';
import {
  type Credentials,
  type ResolvedCredentials,
  readCredentials,
  resolveCredentials,
  writeCredentials,
} from '@opentrain-ai/sdk/node';
import type { RuntimeContext } from './context.js';

/** The only token variable the MCP server reads. */
export const TOKEN_ENV = 'OPENTRAIN_PERSONAL_API_TOKEN';
export const BASE_URL_ENV = 'OPENTRAIN_API_BASE_URL';

function readEnv(context: RuntimeContext, name: string): string | undefined {
  return context.env[name]?.trim() || undefined;
}

/** True when `OPENTRAIN_PERSONAL_API_TOKEN` is set: API calls then use it, whatever the credentials file holds. */
export function usesEnvToken(context: RuntimeContext): boolean {
  return readEnv(context, TOKEN_ENV) !== undefined;
}

/**
 * The token and base URL for one tool call, resolved afresh on every call so that a registration or claim made by
 * one tool is used by the next. A token in `OPENTRAIN_PERSONAL_API_TOKEN` wins outright and the file is then not
 * read at all: the base URL comes from `OPENTRAIN_API_BASE_URL` or the default, never from a file written for
 * another account.
 */
export function resolveApiCredentials(context: RuntimeContext): Promise<ResolvedCredentials> {
  const baseUrl = usesEnvToken(context) ? (readEnv(context, BASE_URL_ENV) ?? DEFAULT_BASE_URL) : undefined;
  return resolveCredentials({
    env: context.env,
    path: context.credentialsPath,
    tokenEnv: [TOKEN_ENV],
    baseUrlEnv: [BASE_URL_ENV],
    baseUrl,
  });
}

/** Where a new registration (or a claim) talks to: `OPENTRAIN_API_BASE_URL`, else the saved base URL, else production. */
export function onboardingBaseUrl(context: RuntimeContext, saved: Credentials | undefined): string {
  return readEnv(context, BASE_URL_ENV) ?? saved?.baseUrl ?? DEFAULT_BASE_URL;
}

export function readSavedCredentials(context: RuntimeContext): Promise<Credentials | undefined> {
  return readCredentials({ path: context.credentialsPath });
}

export function saveCredentials(context: RuntimeContext, credentials: Credentials): Promise<string> {
  return writeCredentials(credentials, { path: context.credentialsPath });
}
