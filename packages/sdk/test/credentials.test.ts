import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CredentialsFileError,
  clientFromCredentials,
  credentialsPath,
  deleteCredentials,
  readCredentials,
  resolveCredentials,
  saveWebhookSecret,
  webhookSecretPath,
  writeCredentials,
} from '@opentrain-ai/sdk/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getMe } from './helpers.js';

let configHome: string;
let env: Record<string, string>;
let file: string;

beforeEach(async () => {
  configHome = await mkdtemp(join(tmpdir(), 'opentrain-credentials-'));
  env = { XDG_CONFIG_HOME: configHome };
  file = join(configHome, 'opentrain', 'cli.json');
});
afterEach(async () => {
  await rm(configHome, { recursive: true, force: true });
});

const saved = { apiToken: 'ot_pat_file_token', baseUrl: 'http://127.0.0.1:4010', claimToken: 'ot_clm_file_claim' };

describe('credentialsPath', () => {
  it('uses XDG_CONFIG_HOME, else ~/.config', () => {
    expect(credentialsPath(env)).toBe(file);
    expect(credentialsPath({})).toBe(join(homedir(), '.config', 'opentrain', 'cli.json'));
    expect(credentialsPath({ XDG_CONFIG_HOME: '' })).toBe(join(homedir(), '.config', 'opentrain', 'cli.json'));
  });
});

describe('writeCredentials', () => {
  it('creates the directory and a 0600 file with the three keys', async () => {
    await expect(writeCredentials(saved, { env })).resolves.toBe(file);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(saved);
  });

  it('replaces the file by renaming a finished temporary file over it', async () => {
    await mkdir(join(configHome, 'opentrain'));
    await writeFile(file, '{"apiToken":"ot_pat_old"}', { mode: 0o644 });
    const before = await stat(file);
    await writeCredentials({ apiToken: 'ot_pat_new' }, { env });
    const after = await stat(file);
    expect(after.ino).not.toBe(before.ino);
    expect(after.mode & 0o777).toBe(0o600);
    expect(await readdir(join(configHome, 'opentrain'))).toEqual(['cli.json']);
    expect(await readCredentials({ env })).toEqual({ apiToken: 'ot_pat_new' });
  });

  it('leaves no temporary file and names the path when the write fails', async () => {
    await mkdir(file, { recursive: true });
    const error = await writeCredentials(saved, { env }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CredentialsFileError);
    expect((error as Error).message).toContain(file);
    expect(await readdir(join(configHome, 'opentrain'))).toEqual(['cli.json']);
  });
});

describe('readCredentials', () => {
  it('returns undefined when there is no file', async () => {
    await expect(readCredentials({ env })).resolves.toBeUndefined();
  });

  it('round-trips, and deleteCredentials removes the file', async () => {
    await writeCredentials(saved, { env });
    await expect(readCredentials({ env })).resolves.toEqual(saved);
    await deleteCredentials({ env });
    await expect(readCredentials({ env })).resolves.toBeUndefined();
  });

  it.each([
    ['truncated JSON', '{"apiToken":"ot_pat_leaky_secret', /is not valid JSON/],
    ['an array', '["ot_pat_leaky_secret"]', /must hold a JSON object/],
    ['a non-string token', '{"apiToken":42}', /"apiToken" that is not a string/],
  ])('reports %s clearly, without its contents', async (_, content, message) => {
    await mkdir(join(configHome, 'opentrain'));
    await writeFile(file, content);
    const error = await readCredentials({ env }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CredentialsFileError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).not.toContain('leaky_secret');
  });
});

describe('resolveCredentials precedence', () => {
  beforeEach(async () => {
    await writeCredentials(saved, { env });
  });

  it('falls back to the file, then the default base URL', async () => {
    await expect(resolveCredentials({ env })).resolves.toMatchObject({
      apiToken: 'ot_pat_file_token',
      apiTokenSource: 'file',
      baseUrl: 'http://127.0.0.1:4010',
      baseUrlSource: 'file',
      path: file,
    });
    await writeCredentials({ apiToken: 'ot_pat_file_token' }, { env });
    await expect(resolveCredentials({ env })).resolves.toMatchObject({
      baseUrl: 'https://app.opentrain.ai',
      baseUrlSource: 'default',
    });
  });

  it('prefers the environment over the file, OPENTRAIN_ names first', async () => {
    const withEnv = { ...env, OT_API_TOKEN: 'ot_pat_ot', OT_API_BASE_URL: 'http://ot.example' };
    await expect(resolveCredentials({ env: withEnv })).resolves.toMatchObject({
      apiToken: 'ot_pat_ot',
      apiTokenSource: 'env:OT_API_TOKEN',
      baseUrl: 'http://ot.example',
      baseUrlSource: 'env:OT_API_BASE_URL',
    });
    const both = { ...withEnv, OPENTRAIN_API_TOKEN: 'ot_pat_long', OPENTRAIN_API_BASE_URL: 'http://long.example' };
    await expect(resolveCredentials({ env: both })).resolves.toMatchObject({
      apiToken: 'ot_pat_long',
      apiTokenSource: 'env:OPENTRAIN_API_TOKEN',
      baseUrl: 'http://long.example',
    });
  });

  it('reads only the variables a caller names (the MCP server has its own token variable)', async () => {
    const withEnv = { ...env, OPENTRAIN_API_TOKEN: 'ot_pat_cli', OT_API_BASE_URL: 'http://cli.example' };
    const mcp = { tokenEnv: ['OPENTRAIN_PERSONAL_API_TOKEN'], baseUrlEnv: ['OPENTRAIN_API_BASE_URL'] };
    await expect(resolveCredentials({ env: withEnv, ...mcp })).resolves.toMatchObject({
      apiToken: 'ot_pat_file_token',
      apiTokenSource: 'file',
      baseUrlSource: 'file',
    });
    await expect(
      resolveCredentials({ env: { ...withEnv, OPENTRAIN_PERSONAL_API_TOKEN: 'ot_pat_mcp' }, ...mcp }),
    ).resolves.toMatchObject({ apiToken: 'ot_pat_mcp', apiTokenSource: 'env:OPENTRAIN_PERSONAL_API_TOKEN' });
  });

  it('prefers explicit options over everything', async () => {
    const withEnv = { ...env, OPENTRAIN_API_TOKEN: 'ot_pat_env', OPENTRAIN_API_BASE_URL: 'http://env.example' };
    await expect(
      resolveCredentials({ env: withEnv, apiKey: 'ot_pat_flag', baseUrl: 'http://flag.example' }),
    ).resolves.toMatchObject({
      apiToken: 'ot_pat_flag',
      apiTokenSource: 'option',
      baseUrl: 'http://flag.example',
      baseUrlSource: 'option',
    });
  });

  it('does not read the file when options and environment settle everything', async () => {
    await writeFile(file, 'not json at all');
    const settled = { ...env, OPENTRAIN_API_TOKEN: 'ot_pat_env', OPENTRAIN_API_BASE_URL: 'http://env.example' };
    await expect(resolveCredentials({ env: settled })).resolves.toMatchObject({ apiToken: 'ot_pat_env' });
    await expect(resolveCredentials({ env: { ...env, OPENTRAIN_API_TOKEN: 'ot_pat_env' } })).rejects.toBeInstanceOf(
      CredentialsFileError,
    );
  });

  it('builds a client that uses the resolved token and base URL', async () => {
    const seen: string[] = [];
    const client = await clientFromCredentials({
      env,
      fetch: async (request) => {
        seen.push(`${request.url} ${request.headers.get('authorization')}`);
        return Response.json({ ok: true });
      },
    });
    expect(client.baseUrl).toBe('http://127.0.0.1:4010');
    await client.request(getMe);
    expect(seen).toEqual(['http://127.0.0.1:4010/api/public/v1/auth/me Bearer ot_pat_file_token']);
  });
});

describe('saveWebhookSecret', () => {
  it('keeps the secret next to the credentials file, readable by its owner only, and replaces it whole', async () => {
    const path = await saveWebhookSecret('whk_1', 'whsec_first', { env });
    expect(path).toBe(join(configHome, 'opentrain', 'webhook-secrets', 'whk_1.secret'));
    expect(await readFile(path, 'utf8')).toBe('whsec_first\n');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    await saveWebhookSecret('whk_1', 'whsec_second', { env });
    expect(await readFile(path, 'utf8')).toBe('whsec_second\n');
    expect(await readdir(join(configHome, 'opentrain', 'webhook-secrets'))).toEqual(['whk_1.secret']);
  });

  it('writes where it is told, and refuses an id that cannot name a file', async () => {
    const chosen = join(configHome, 'elsewhere', 'hook.secret');
    expect(await saveWebhookSecret('whk_2', 'whsec_x', { path: chosen })).toBe(chosen);
    expect(await readFile(chosen, 'utf8')).toBe('whsec_x\n');
    expect(() => webhookSecretPath('../../etc/passwd', { env })).toThrow(/webhookId must be letters, digits/);
  });
});
