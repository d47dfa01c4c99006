import { rngStart } from '../state/random.js';

/** The response header that carries every request's id (also `requestId` in each error envelope). */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * UUID-shaped request ids from their own seeded sequence: deterministic per sandbox, and independent of the
 * persisted state so that reading never changes what is saved.
 */
export function createRequestIds(seed: number): () => string {
  let position = rngStart(seed ^ 0x5eed);
  const nextWord = () => {
    position = (position + 0x6d2b79f5) >>> 0;
    let t = position;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0).toString(16).padStart(8, '0');
  };
  return () => {
    const hex = nextWord() + nextWord() + nextWord() + nextWord();
    const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
}

/** Stamps the id on a response; responses with immutable headers are re-wrapped. */
export function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set(REQUEST_ID_HEADER, requestId);
    return copy;
  }
}
