import { type OperationSchemaSet, operationSchemas } from '@opentrain-ai/sdk/schemas';
import type { ZodError, ZodType } from 'zod';
import { readBodyObject } from './body.js';
import type { SandboxContext, SandboxMiddleware } from './context.js';
import { ApiError, isOAuthPath, OAuthError } from './errors.js';
import type { OperationValidation } from './router.js';

/** The request parts as the spec types them, after validation (query strings coerced to numbers and booleans). */
export interface OperationInput {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

/** A response that breaks the spec: a sandbox bug, surfaced as a 500 instead of silently reaching the client. */
export class ContractViolation extends Error {
  override name = 'ContractViolation';
}

export interface ContractValidationOptions {
  /** Check every JSON response against the operation's schema for its status (default true). */
  responses?: boolean;
}

/**
 * Validates every documented operation against the zod schemas generated from the spec: path, query and body
 * before the handler (a 400 naming the field), and the response after it. Handlers read the parsed parts through
 * `inputOf(c)`, so they only check the rules that depend on state.
 */
export function contractValidation(options: ContractValidationOptions = {}): OperationValidation {
  const checkResponses = options.responses ?? true;
  const middleware: SandboxMiddleware = async (c, next) => {
    const { operationId } = c.var.operation;
    const schemas = (operationSchemas as Record<string, OperationSchemaSet>)[operationId];
    // Only operations of the spec have schemas; route families a test registers for itself pass through.
    if (!schemas) return next();
    c.set('input', await parseRequest(c, schemas));
    await next();
    if (checkResponses) await checkResponse(c, operationId, schemas);
  };
  return middleware;
}

export function inputOf(c: SandboxContext): OperationInput {
  const input = c.get('input');
  if (!input) throw new Error('inputOf() called on a route without contract validation.');
  return input;
}

async function parseRequest(c: SandboxContext, schemas: OperationSchemaSet): Promise<OperationInput> {
  const path = schemas.path ? parsePart(c, 'path', schemas.path, c.req.param()) : {};
  const query = schemas.query ? parsePart(c, 'query', schemas.query, coerceQuery(schemas.query, c.req.queries())) : {};
  let body: unknown;
  if (schemas.body) {
    const read = await readBodyObject(c);
    if (!read.ok) throw refusal(c, read.problem, 'body', []);
    body = parsePart(c, 'body', schemas.body, read.value);
  }
  return { path: path as Record<string, unknown>, query: query as Record<string, unknown>, body };
}

function parsePart(c: SandboxContext, part: string, schema: ZodType, value: unknown): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = describeIssues(result.error);
  const first = issues[0];
  throw refusal(c, first ? first.message : `Invalid ${part}.`, first?.field ?? part, issues);
}

interface IssueSummary {
  field: string;
  message: string;
  allowedValues?: unknown[];
}

function describeIssues(error: ZodError): IssueSummary[] {
  return error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : 'body';
    const missing = issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
    const summary: IssueSummary = {
      field,
      message: missing ? `${field} is required.` : `${field}: ${lowerFirst(issue.message)}.`,
    };
    if (issue.code === 'invalid_value') summary.allowedValues = issue.values;
    return summary;
  });
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** OAuth endpoints name a bad `identity_type` or `grant_type` with their own documented error codes. */
const OAUTH_FIELD_ERRORS: Record<string, string> = {
  identity_type: 'unsupported_identity_type',
  grant_type: 'unsupported_grant_type',
};

function refusal(c: SandboxContext, message: string, field: string, issues: IssueSummary[]): Error {
  if (isOAuthPath(new URL(c.req.url).pathname)) {
    return new OAuthError(400, OAUTH_FIELD_ERRORS[field] ?? 'invalid_request', message);
  }
  const allowedValues = issues[0]?.allowedValues;
  return new ApiError('BAD_REQUEST', message, allowedValues ? { field, allowedValues, issues } : { field, issues });
}

/**
 * Query strings arrive as text; the schemas expect numbers, booleans and arrays. Each value is converted to what
 * its schema field accepts, and left as text when nothing fits, so the schema reports the mistake.
 */
function coerceQuery(schema: ZodType, raw: Record<string, string[]>): Record<string, unknown> {
  const shape = objectShape(schema);
  const out: Record<string, unknown> = {};
  for (const [key, values] of Object.entries(raw)) {
    const field = shape?.[key];
    out[key] = field ? coerceValue(field, values) : values[values.length - 1];
  }
  return out;
}

function coerceValue(field: ZodType, values: string[]): unknown {
  const kind = baseKind(field);
  if (kind === 'array') return values;
  const text = values[values.length - 1] ?? '';
  const candidates: unknown[] = [text];
  if (text !== '' && Number.isFinite(Number(text))) candidates.push(Number(text));
  if (text === 'true' || text === 'false') candidates.push(text === 'true');
  // Enum filters are matched leniently, as the API does for proposal statuses ("not a fit" → NOT_A_FIT).
  candidates.push(
    text
      .trim()
      .toUpperCase()
      .replace(/[\s-]+/g, '_'),
  );
  return candidates.find((candidate) => field.safeParse(candidate).success) ?? text;
}

type ZodDef = { type: string; innerType?: ZodType; shape?: Record<string, ZodType>; in?: ZodType };
const defOf = (schema: ZodType) => (schema as unknown as { _zod: { def: ZodDef } })._zod.def;

function baseKind(schema: ZodType): string {
  const def = defOf(schema);
  if (def.innerType) return baseKind(def.innerType);
  if (def.type === 'pipe' && def.in) return baseKind(def.in);
  return def.type;
}

function objectShape(schema: ZodType): Record<string, ZodType> | undefined {
  const def = defOf(schema);
  if (def.innerType) return objectShape(def.innerType);
  return def.type === 'object' ? def.shape : undefined;
}

async function checkResponse(c: SandboxContext, operationId: string, schemas: OperationSchemaSet) {
  const response = c.res;
  if (!(response.headers.get('content-type') ?? '').includes('application/json')) return;
  const schema = schemas.responses[String(response.status)];
  if (!schema) {
    throw new ContractViolation(`${operationId} answered ${response.status}, which the spec does not document.`);
  }
  const body: unknown = await response.clone().json();
  const result = schema.safeParse(body);
  if (!result.success) {
    const issues = describeIssues(result.error)
      .map((i) => `${i.field}: ${i.message}`)
      .join('; ');
    throw new ContractViolation(`${operationId} ${response.status} response breaks the spec: ${issues}`);
  }
}
