import type { SandboxContext } from './context.js';
import { badRequest } from './errors.js';

export type JsonObject = Record<string, unknown>;

type BodyResult = { ok: true; value: JsonObject } | { ok: false; problem: string };

/**
 * Reads a request body as an object. JSON is the default; a form-encoded body (the OAuth convention) is read as
 * string fields. An empty body is `{}`, since several endpoints accept no body at all.
 */
export async function readBodyObject(c: SandboxContext): Promise<BodyResult> {
  const text = await c.req.text();
  if (text.trim() === '') return { ok: true, value: {} };
  const contentType = c.req.header('content-type') ?? '';
  if (contentType.includes('application/x-www-form-urlencoded')) {
    return { ok: true, value: Object.fromEntries(new URLSearchParams(text)) };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'The request body is not valid JSON.' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, problem: 'The request body must be a JSON object.' };
  }
  return { ok: true, value: parsed as JsonObject };
}

/** The Public API flavour: a malformed body is a 400 envelope naming the body. */
export async function publicBody(c: SandboxContext): Promise<JsonObject> {
  const result = await readBodyObject(c);
  if (!result.ok) throw badRequest(result.problem, { field: 'body' });
  return result.value;
}
