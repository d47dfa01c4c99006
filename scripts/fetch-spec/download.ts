// Downloads a served OpenAPI document, turning every way that can fail into one readable sentence.
import { isObject, type Json } from '../generate/openapi.js';

export class DownloadError extends Error {
  constructor(
    readonly url: string,
    reason: string,
  ) {
    super(`could not download ${url}: ${reason}`);
  }
}

const NETWORK_REASONS: Record<string, string> = {
  ENOTFOUND: 'host not found (DNS lookup failed)',
  EAI_AGAIN: 'host not found (DNS lookup failed)',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'the server closed the connection',
  CERT_HAS_EXPIRED: 'the TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the TLS certificate is self-signed',
};

/** The most specific reason hidden in fetch's error chain (`TypeError: fetch failed` -> cause -> code). */
function networkReason(error: unknown, timeoutMs: number): string {
  let current: unknown = error;
  let deepestMessage = error instanceof Error ? error.message : String(error);
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current.name === 'TimeoutError' || current.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return NETWORK_REASONS[code] ?? `network error ${code}`;
    if (current.message) deepestMessage = current.message;
    current = current.cause;
  }
  return deepestMessage;
}

export interface DownloadOptions {
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** The parsed document at `url`; throws DownloadError with a one-line reason on any failure. */
export async function downloadSpec(
  url: string,
  { timeoutMs, fetch: fetchImpl = fetch }: DownloadOptions,
): Promise<Json> {
  const signal = AbortSignal.timeout(timeoutMs);
  let text: string;
  try {
    const response = await fetchImpl(url, { headers: { accept: 'application/json' }, signal });
    if (!response.ok) {
      await response.body?.cancel();
      throw new DownloadError(
        url,
        `the server answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
      );
    }
    text = await response.text();
  } catch (error) {
    if (error instanceof DownloadError) throw error;
    throw new DownloadError(url, networkReason(error, timeoutMs));
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    const start = text.trimStart().slice(0, 40).replace(/\s+/g, ' ');
    throw new DownloadError(url, `the answer is not JSON (it starts with ${JSON.stringify(start)})`);
  }
  if (!isObject(doc) || typeof doc.openapi !== 'string' || !isObject(doc.paths)) {
    throw new DownloadError(url, 'the answer is JSON but not an OpenAPI document (no "openapi" and "paths")');
  }
  return doc;
}
