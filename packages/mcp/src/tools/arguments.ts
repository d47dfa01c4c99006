import type { OperationParams } from '@opentrain-ai/sdk';
import type { OperationInputs } from '@opentrain-ai/sdk/operations';

/** The arguments a tool does not know, in the order given. */
export function unknownArguments(args: Record<string, unknown>, accepted: readonly string[]): string[] {
  return Object.keys(args).filter((name) => !accepted.includes(name));
}

export interface ArgumentIssue {
  field: string;
  expectation: string;
}

/**
 * For an operation whose body is required, when no body field was given at all: the required body fields, or (when
 * none is required, as in a PATCH) a request for at least one. Empty when the body is not required or was given.
 */
export function emptyBodyIssues(args: Record<string, unknown>, inputs: OperationInputs): ArgumentIssue[] {
  if (!inputs.body?.required || inputs.body.flattened === 'none') return [];
  const bodyFields = inputs.fields.filter((field) => field.in === 'body');
  if (bodyFields.some((field) => args[field.name] !== undefined)) return [];
  const required = bodyFields.filter((field) => field.required);
  if (required.length > 0) return required.map((field) => ({ field: field.name, expectation: 'required' }));
  const names = bodyFields.map((field) => field.name).join(', ');
  return [{ field: 'arguments', expectation: `give at least one of ${names}` }];
}

/**
 * Splits a tool's flat arguments into the path parameters, query parameters and body the operation takes, by each
 * field's `in`. A body given whole (`flattened: 'none'`) arrives as the `body` argument.
 */
export function toOperationParams(args: Record<string, unknown>, inputs: OperationInputs): OperationParams {
  const path: Record<string, string | number> = {};
  const query: Record<string, unknown> = {};
  let body: Record<string, unknown> | undefined;
  for (const field of inputs.fields) {
    const value = args[field.name];
    if (value === undefined) continue;
    if (field.in === 'path') path[field.name] = value as string | number;
    else if (field.in === 'query') query[field.name] = value;
    else body = { ...body, [field.name]: value };
  }
  const wholeBody = inputs.body?.flattened === 'none' ? args.body : undefined;
  return { path, query, body: wholeBody ?? body };
}

/**
 * The argument a validation issue is about, from the SDK's dotted location (`path.jobId`, `body.milestone.amount`):
 * the request part is dropped, and a wire name the tool renames (`agent_name`) becomes the tool's (`agentName`).
 */
export function argumentOf(location: string, renamed: Readonly<Record<string, string>> = {}): string {
  const [, ...segments] = location.split('.');
  const [first, ...rest] = segments;
  if (first === undefined) return location;
  return [renamed[first] ?? first, ...rest].join('.');
}
