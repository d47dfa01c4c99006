// Runs Standard Schema (zod) checks and reports what they find as issues. Loaded lazily by validation.ts, together
// with the schemas, so the core entry does not carry it.
import type { OperationParams } from './operation.js';
import type { Issue, OperationSchemas, StandardIssue, StandardSchema } from './validation.js';

function toIssues(prefix: string, issues: ReadonlyArray<StandardIssue>): Issue[] {
  return issues.map((issue) => {
    const segments = (issue.path ?? []).map((segment) =>
      String(typeof segment === 'object' && segment !== null ? segment.key : segment),
    );
    return { field: [prefix, ...segments].filter(Boolean).join('.'), expectation: issue.message };
  });
}

/** What `schema` finds wrong with `value`, each field prefixed with `prefix` (`body`, `query`, ...). */
export async function issuesOf(schema: StandardSchema | undefined, value: unknown, prefix: string): Promise<Issue[]> {
  if (!schema) return [];
  const result = await schema['~standard'].validate(value);
  return result.issues ? toIssues(prefix, result.issues) : [];
}

/** Every issue of a call's path parameters, query and body against the operation's schemas. */
export async function requestIssues(schemas: OperationSchemas, params: OperationParams): Promise<Issue[]> {
  return [
    ...(await issuesOf(schemas.path, params.path ?? {}, 'path')),
    ...(await issuesOf(schemas.query, params.query ?? {}, 'query')),
    ...(params.body === undefined ? [] : await issuesOf(schemas.body, params.body, 'body')),
  ];
}
