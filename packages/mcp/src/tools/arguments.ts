import type { OperationParams } from '@opentrain-ai/sdk';
import type { JsonSchema, OperationInputs } from '@opentrain-ai/sdk/operations';

/** The arguments a tool does not know, in the order given. */
export function unknownArguments(args: Record<string, unknown>, accepted: readonly string[]): string[] {
  return Object.keys(args).filter((name) => !accepted.includes(name));
}

export interface ArgumentIssue {
  field: string;
  expectation: string;
}

/** The shapes of a body that is a choice of objects (`flattened: 'variants'`), as their schemas. */
export function bodyVariants(inputs: OperationInputs): JsonSchema[] {
  if (inputs.body?.flattened !== 'variants') return [];
  const { oneOf, anyOf } = inputs.body.schema;
  const variants = Array.isArray(oneOf) ? oneOf : Array.isArray(anyOf) ? anyOf : [];
  return variants.filter((variant): variant is JsonSchema => typeof variant === 'object' && variant !== null);
}

function requiredOf(schema: JsonSchema): string[] {
  return Array.isArray(schema.required) ? schema.required.filter((name) => typeof name === 'string') : [];
}

/** The arguments each shape of a choice needs (`jobDescription; format with job; ...`), or `undefined` for no choice. */
export function shapeChoices(inputs: OperationInputs): string | undefined {
  const shapes = bodyVariants(inputs).map(requiredOf);
  return shapes.length > 0 ? shapes.map((shape) => shape.join(' with ')).join('; ') : undefined;
}

/**
 * The body's required arguments, checked before the SDK's validation because the SDK can only say that a choice of
 * shapes matched none ("Invalid input"): for a choice, the shapes a call may take; for one object whose body is
 * required and was not given at all, its required fields, or (when none is required, as in a PATCH) at least one.
 */
export function bodyShapeIssues(args: Record<string, unknown>, inputs: OperationInputs): ArgumentIssue[] {
  if (!inputs.body || inputs.body.flattened === 'none') return [];
  const bodyFields = inputs.fields.filter((field) => field.in === 'body');
  const given = bodyFields.some((field) => args[field.name] !== undefined);
  if (!given && !inputs.body.required) return [];

  const shapes = bodyVariants(inputs).map(requiredOf);
  if (shapes.length > 0) {
    if (shapes.some((shape) => shape.every((name) => args[name] !== undefined))) return [];
    return [{ field: 'arguments', expectation: `give one of: ${shapeChoices(inputs)}` }];
  }
  if (given) return [];
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
