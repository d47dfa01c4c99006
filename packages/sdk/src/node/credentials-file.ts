import { readFile, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { OpenTrainError } from '../core/errors.js';
import { writePrivateFile } from './private-file.js';

/** The file the OpenTrain CLI and MCP server share. Every key is optional. */
export interface Credentials {
  /** `ot_pat_…` */
  apiToken?: string;
  baseUrl?: string;
  /** `ot_clm_…`, kept only between registration and a completed claim. */
  claimToken?: string;
}

const KEYS = ['apiToken', 'baseUrl', 'claimToken'] as const;

export type Env = Readonly<Record<string, string | undefined>>;

/** The credentials file exists but cannot be used. The message names the file, never its contents. */
export class CredentialsFileError extends OpenTrainError {
  readonly path: string;

  constructor(path: string, problem: string, options?: { cause?: unknown }) {
    super(`Credentials file ${path} ${problem}`, options);
    this.name = 'CredentialsFileError';
    this.path = path;
  }
}

/** `${XDG_CONFIG_HOME:-~/.config}/opentrain/cli.json` */
export function credentialsPath(env: Env = process.env): string {
  const configHome = env.XDG_CONFIG_HOME?.trim() || join(homedir(), '.config');
  return join(configHome, 'opentrain', 'cli.json');
}

export interface FileOptions {
  /** Default: `credentialsPath(env)`. */
  path?: string;
  env?: Env;
}

/** The saved credentials, or `undefined` when there is no file. A file that is not valid JSON is an error. */
export async function readCredentials(options: FileOptions = {}): Promise<Credentials | undefined> {
  const path = options.path ?? credentialsPath(options.env);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CredentialsFileError(path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {
      cause: error,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CredentialsFileError(path, 'is not valid JSON; fix it, or delete it and log in again');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CredentialsFileError(path, 'must hold a JSON object with apiToken, baseUrl and claimToken');
  }
  const record = parsed as Record<string, unknown>;
  const credentials: Credentials = {};
  for (const key of KEYS) {
    const value = record[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw new CredentialsFileError(path, `has a "${key}" that is not a string`);
    credentials[key] = value;
  }
  return credentials;
}

/** Replaces the credentials file, atomically and readable by its owner only (see `writePrivateFile`). */
export async function writeCredentials(credentials: Credentials, options: FileOptions = {}): Promise<string> {
  const path = options.path ?? credentialsPath(options.env);
  const content: Credentials = {};
  for (const key of KEYS) {
    const value = credentials[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new TypeError(`credentials.${key} must be a string`);
    content[key] = value;
  }
  try {
    await writePrivateFile(path, `${JSON.stringify(content, null, 2)}\n`);
  } catch (error) {
    throw new CredentialsFileError(path, `could not be written (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {
      cause: error,
    });
  }
  return path;
}

/** Removes the credentials file (logging out locally; the token itself stays valid until revoked). */
export async function deleteCredentials(options: FileOptions = {}): Promise<void> {
  await rm(options.path ?? credentialsPath(options.env), { force: true });
}
