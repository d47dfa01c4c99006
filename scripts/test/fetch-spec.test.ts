import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DownloadError, downloadSpec } from '../fetch-spec/download.js';
import { fixturePath, loadFixture } from './support/fixtures.js';
import { runScript } from './support/run-script.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;
const servers: Server[] = [];

async function serve(handler: Handler): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A port nothing listens on: bind one, then let it go. */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

const json =
  (body: unknown): Handler =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };

describe('downloadSpec', () => {
  it('returns the parsed document', async () => {
    const base = await serve(json(loadFixture('partner-v1.yaml')));
    const doc = await downloadSpec(`${base}/api/partner/v1/openapi.json`, { timeoutMs: 5000 });
    expect(doc.openapi).toBe('3.1.0');
  });

  it.each([
    [
      'an HTTP error',
      ((_q, response) => response.writeHead(503, 'Service Unavailable').end('down')) as Handler,
      'the server answered HTTP 503 Service Unavailable',
    ],
    [
      'an HTML page',
      ((_q, response) =>
        response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>Sign in</p>')) as Handler,
      'the answer is not JSON (it starts with "<!doctype html><p>Sign in</p>")',
    ],
    ['JSON that is no OpenAPI document', json({ hello: 'world' }), 'the answer is JSON but not an OpenAPI document'],
  ])('explains %s in one sentence', async (_name, handler, reason) => {
    const base = await serve(handler);
    const url = `${base}/api/public/v1/openapi.json`;
    const failure = downloadSpec(url, { timeoutMs: 5000 });
    await expect(failure).rejects.toBeInstanceOf(DownloadError);
    await expect(failure).rejects.toThrow(`could not download ${url}: ${reason}`);
  });

  it('explains a refused connection', async () => {
    const url = `${await closedPort()}/api/public/v1/openapi.json`;
    await expect(downloadSpec(url, { timeoutMs: 5000 })).rejects.toThrow(
      `could not download ${url}: connection refused`,
    );
  });

  it('explains a DNS failure', async () => {
    const failingFetch: typeof fetch = async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }),
      });
    };
    await expect(downloadSpec('https://nowhere.invalid/x', { timeoutMs: 5000, fetch: failingFetch })).rejects.toThrow(
      'could not download https://nowhere.invalid/x: host not found (DNS lookup failed)',
    );
  });

  it('gives up on a server that never answers', async () => {
    const base = await serve(() => {
      // Never answers.
    });
    await expect(downloadSpec(`${base}/slow`, { timeoutMs: 50 })).rejects.toThrow(
      `could not download ${base}/slow: no answer within 50 ms`,
    );
  });
});

describe('pnpm fetch-spec', () => {
  it('prints the differences between the served documents and ours, and saves them with --write', async () => {
    const served = loadFixture('public-v1.yaml');
    delete (served.paths as Record<string, unknown>)['/api/public/v1/updates'];
    const base = await serve((request, response) =>
      json(request.url?.startsWith('/api/public/') ? served : loadFixture('partner-v1.yaml'))(request, response),
    );
    const specDir = await mkdtemp(join(tmpdir(), 'fetch-spec-'));
    try {
      await copyFile(fixturePath('public-v1.yaml'), join(specDir, 'public-v1.yaml'));
      await copyFile(fixturePath('partner-v1.yaml'), join(specDir, 'partner-v1.yaml'));
      const result = await runScript('scripts/fetch-spec.ts', ['--spec-dir', specDir, '--write'], {
        OPENTRAIN_BASE_URL: base,
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Public API: ${base}/api/public/v1/openapi.json compared with`);
      expect(result.stdout).toContain(
        '  - GET /api/public/v1/updates (pollUpdates): operation missing from the served spec',
      );
      expect(result.stdout).toMatch(/Platform API: .*: no differences/);
      expect(JSON.parse(await readFile(join(specDir, 'public-v1.served.json'), 'utf8'))).toEqual(served);
      expect(JSON.parse(await readFile(join(specDir, 'partner-v1.served.json'), 'utf8'))).toEqual(
        loadFixture('partner-v1.yaml'),
      );
    } finally {
      await rm(specDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('fails with one line on stderr and exit code 1 when the download fails', async () => {
    const base = await closedPort();
    const result = await runScript('scripts/fetch-spec.ts', ['--base-url', base, '--spec-dir', fixturePath('.')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `fetch-spec: could not download ${base}/api/public/v1/openapi.json: connection refused\n`,
    );
  }, 30_000);

  it('fails with one line when the server answers with an error page', async () => {
    const base = await serve((_request, response) => response.writeHead(404, 'Not Found').end('<html>nope</html>'));
    const result = await runScript('scripts/fetch-spec.ts', ['--base-url', base, '--spec-dir', fixturePath('.')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `fetch-spec: could not download ${base}/api/public/v1/openapi.json: the server answered HTTP 404 Not Found\n`,
    );
  }, 30_000);

  it('rejects a base URL that is not http(s)', async () => {
    const result = await runScript('scripts/fetch-spec.ts', ['--base-url', 'app.opentrain.ai']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'fetch-spec: --base-url must be an http(s) URL such as https://app.opentrain.ai, got "app.opentrain.ai"\n',
    );
  }, 30_000);
});
