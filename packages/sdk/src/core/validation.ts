import { RequestValidationError, ResponseValidationError } from './errors.js';
import type { OperationParams, OperationRow } from './operation.js';
import { pathParamNames } from './request-parts.js';

/**
 * The Standard Schema interface (standardschema.dev), which zod 4 schemas implement. Depending on the interface
 * rather than on zod keeps the core free of zod's version brand.
 */
export interface StandardSchema<Output = unknown> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>;
  };
}

type StandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<StandardIssue> };

export interface StandardIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/** The schemas of one operation; generated code provides them keyed by operationId. */
export interface OperationSchemas {
  readonly path?: StandardSchema;
  readonly query?: StandardSchema;
  readonly body?: StandardSchema;
  /** Success bodies by status (`200`, `201`, `202`, ...). */
  readonly responses?: Readonly<Record<number, StandardSchema>>;
}

export type SchemaTable = Readonly<Record<string, OperationSchemas>>;

/** A schema table, or a function that loads one when the first request needs it. */
export type SchemaSource = SchemaTable | (() => Promise<SchemaTable>);

/** One problem found in a request or response: where (`body.milestone.amount`) and what was expected. */
export interface Issue {
  field: string;
  expectation: string;
}

// The code that runs the schemas loads with them, on the first validated call: an app that turns validation off
// never loads it. It only finds issues; the errors are thrown here, so the chunk shares nothing with the core.
const loadSchemaIssues = () => import('./schema-issues.js');

/** Checks that need no schema: every `{param}` of the path is given, and a required body is present. */
function structuralIssues(operation: OperationRow, params: OperationParams): Issue[] {
  const issues: Issue[] = [];
  for (const name of pathParamNames(operation.path)) {
    const value = params.path?.[name];
    if (value === undefined || value === null || String(value) === '') {
      issues.push({ field: `path.${name}`, expectation: 'expected a non-empty string' });
    }
  }
  if (operation.body?.required && params.body === undefined) {
    issues.push({ field: 'body', expectation: `expected a request body (${operation.body.contentType})` });
  }
  return issues;
}

/** Throws `RequestValidationError` (and nothing is sent) when the call's parameters or body are invalid. */
export async function validateRequest(
  operation: OperationRow,
  params: OperationParams,
  schemas: OperationSchemas | undefined,
): Promise<void> {
  const issues = structuralIssues(operation, params);
  if (schemas) issues.push(...(await (await loadSchemaIssues()).requestIssues(schemas, params, issues)));
  if (issues.length > 0) throw new RequestValidationError(operation.operationId, issues);
}

/** Throws `ResponseValidationError` when a success body does not match the schema for its status. */
export async function validateResponse(
  operation: OperationRow,
  status: number,
  requestId: string | undefined,
  data: unknown,
  schemas: OperationSchemas | undefined,
): Promise<void> {
  const schema = schemas?.responses?.[status];
  if (!schema) return;
  const issues = await (await loadSchemaIssues()).issuesOf(schema, data, '');
  if (issues.length > 0) throw new ResponseValidationError(operation.operationId, status, requestId, issues);
}
