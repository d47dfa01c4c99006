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

export function optionalString(
  body: JsonObject,
  field: string,
  limits: { minLength?: number; maxLength?: number } = {},
): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  const { minLength = 0, maxLength = Number.POSITIVE_INFINITY } = limits;
  if (typeof value !== 'string' || value.length < minLength || value.length > maxLength) {
    const range = Number.isFinite(maxLength) ? ` of ${minLength}-${maxLength} characters` : '';
    throw badRequest(`${field} must be a string${range}.`, { field });
  }
  return value;
}

export function optionalStringArray(body: JsonObject, field: string): string[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw badRequest(`${field} must be an array of strings.`, { field });
  }
  return value;
}

/** An ISO 8601 date-time string, returned normalised to UTC with milliseconds. */
export function optionalDateTime(body: JsonObject, field: string): string | undefined {
  const value = optionalString(body, field);
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(ms)) {
    throw badRequest(`${field} must be an ISO 8601 date-time such as 2026-09-01T00:00:00.000Z.`, { field });
  }
  return new Date(ms).toISOString();
}
