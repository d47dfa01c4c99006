// Runs Standard Schema (zod) checks and reports what they find as issues. Loaded lazily by validation.ts, together
// with the schemas, so the core entry does not carry it.
import type { OperationParams } from './operation.js';
import type { Issue, OperationSchemas, StandardIssue, StandardSchema } from './validation.js';

/** A zod issue beyond the Standard Schema fields: a union that matched none of its options says why for each. */
type DetailedIssue = StandardIssue & { code?: unknown; errors?: unknown };

const segmentsOf = (issue: StandardIssue) =>
  (issue.path ?? []).map((segment) => String(typeof segment === 'object' && segment !== null ? segment.key : segment));

/**
 * What was expected, in words. A union's own message is only "Invalid input", so it is replaced by what each of its
 * options wanted: `expected boolean, received string; or expected "1"`.
 */
function expectationOf(issue: DetailedIssue): string {
  if (issue.code !== 'invalid_union' || !Array.isArray(issue.errors) || issue.errors.length === 0) return issue.message;
  const options = (issue.errors as DetailedIssue[][]).map((option) =>
    option
      .map((inner) => {
        const where = segmentsOf(inner).join('.');
        const what = expectationOf(inner).replace(/^Invalid input: /, '');
        return where ? `${where}: ${what}` : what;
      })
      .join(', '),
  );
  return options.join('; or ');
}

function toIssues(prefix: string, issues: ReadonlyArray<StandardIssue>, known: ReadonlySet<string>): Issue[] {
  return issues
    .map((issue) => ({
      field: [prefix, ...segmentsOf(issue)].filter(Boolean).join('.'),
      expectation: expectationOf(issue),
    }))
    .filter((issue) => !known.has(issue.field));
}

/**
 * What `schema` finds wrong with `value`, each field prefixed with `prefix` (`body`, `query`, ...), leaving out the
 * fields in `known` (already reported by the checks that need no schema).
 */
export async function issuesOf(
  schema: StandardSchema | undefined,
  value: unknown,
  prefix: string,
  known: ReadonlySet<string> = new Set(),
): Promise<Issue[]> {
  if (!schema) return [];
  const result = await schema['~standard'].validate(value);
  return result.issues ? toIssues(prefix, result.issues, known) : [];
}

/** Every issue of a call's path parameters, query and body against the operation's schemas, beyond `known`. */
export async function requestIssues(
  schemas: OperationSchemas,
  params: OperationParams,
  known: readonly Issue[],
): Promise<Issue[]> {
  const fields = new Set(known.map((issue) => issue.field));
  return [
    ...(await issuesOf(schemas.path, params.path ?? {}, 'path', fields)),
    ...(await issuesOf(schemas.query, params.query ?? {}, 'query', fields)),
    ...(params.body === undefined ? [] : await issuesOf(schemas.body, params.body, 'body', fields)),
  ];
}
