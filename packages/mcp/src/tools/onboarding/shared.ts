import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Credentials } from '@opentrain-ai/sdk/node';
import { type OperationId, type OperationInfo, operationInputs } from '@opentrain-ai/sdk/operations';
import type { RuntimeContext } from '../../context.js';
import { readSavedCredentials, TOKEN_ENV, usesEnvToken } from '../../credentials.js';
import { invalidArgumentsResult, unknownArgumentsResult } from '../../errors.js';
import { failureResult } from '../../results.js';
import { annotationsFor } from '../annotations.js';
import { unknownArguments } from '../arguments.js';
import { describeOperation } from '../description.js';
import { inputSchemaOf, type ToolArgument } from '../input-schema.js';

/** What `tools/list` shows for an onboarding tool: its own title and introduction, then the operation's gates. */
export function onboardingDefinition(
  operation: OperationInfo & { mcpTool: string },
  title: string,
  intro: string,
  args: readonly ToolArgument[],
): Tool {
  return {
    name: operation.mcpTool,
    title,
    description: describeOperation(operation, intro),
    inputSchema: inputSchemaOf(args),
    annotations: { ...annotationsFor(operation), title },
  };
}

/**
 * A tool argument made from a wire field of the operation, under the name the tool uses (the agent-auth wire names
 * are snake_case; the tools take camelCase names).
 */
export function argumentFromField(
  operationId: OperationId,
  wireName: string,
  name: string,
  required: boolean,
): ToolArgument {
  const field = operationInputs[operationId].fields.find((candidate) => candidate.name === wireName);
  if (!field) throw new Error(`${operationId} has no field ${wireName}`);
  return { name, schema: field.schema, required, description: field.description };
}

/** The one value a wire field allows (the grant type of the claim exchange, the identity type of a registration). */
export function onlyValue(operationId: OperationId, wireName: string): string {
  const values = operationInputs[operationId].fields.find((field) => field.name === wireName)?.schema.enum;
  if (!Array.isArray(values) || values.length !== 1 || typeof values[0] !== 'string') {
    throw new Error(`${operationId}.${wireName} does not allow exactly one value`);
  }
  return values[0];
}

/** A string argument that may be left out: `undefined`, the string, or an issue for the model to fix. */
export function optionalString(args: Record<string, unknown>, name: string): string | undefined | { invalid: string } {
  const value = args[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') return { invalid: 'expected a non-empty string' };
  return value;
}

/** The scopes an agent-auth answer lists, for a summary line (the answer is shown as JSON too). */
export function scopeList(scopes: unknown): string {
  const names = Array.isArray(scopes) ? scopes.filter((scope) => typeof scope === 'string') : [];
  return names.length > 0 ? names.join(', ') : 'not listed in the answer';
}

/** OpenTrain answered 200 without what the tool needs (a proxy, or a server fault): nothing was saved. */
export function malformedAnswerResult(toolName: string, missing: string, requestId?: string): CallToolResult {
  const reference = requestId ? ` (request id ${requestId})` : '';
  return failureResult(
    `${toolName}: OpenTrain answered without ${missing}${reference}, so nothing was saved. Try again in a moment.`,
    { type: 'malformed_response', requestId },
  );
}

/** Said after a tool saved credentials while `OPENTRAIN_PERSONAL_API_TOKEN` is what the calls use. */
export function envTokenNote(context: RuntimeContext): string[] {
  if (!usesEnvToken(context)) return [];
  return [
    `Note: ${TOKEN_ENV} is set, so the tools keep using that token; unset it to work with the saved credentials.`,
  ];
}

export function missingClaimTokenResult(toolName: string, path: string): CallToolResult {
  return failureResult(
    `${toolName} needs a claim token, and none is saved in ${path}. Either the claim is already complete (check ` +
      'with opentrain_auth_status), or the account was registered elsewhere: pass its claimToken.',
    { type: 'missing_claim_token', credentialsPath: path },
  );
}

/** The claim token a claim tool works with and the credentials saved when it was read, or the result to return. */
export type ClaimTokenChoice =
  | { claimToken: string; saved: Credentials | undefined; refusal?: undefined }
  | { refusal: CallToolResult };

/**
 * Checks a claim tool's arguments and picks its claim token: the `claimToken` argument, else the saved one. Returns
 * the result for the model as `refusal` instead when an argument is unknown or malformed or no claim token is at hand.
 */
export async function chooseClaimToken(
  toolName: string,
  args: Record<string, unknown>,
  accepted: readonly string[],
  context: RuntimeContext,
): Promise<ClaimTokenChoice> {
  const unknown = unknownArguments(args, accepted);
  if (unknown.length > 0) return { refusal: unknownArgumentsResult(toolName, unknown, accepted) };
  const given = optionalString(args, 'claimToken');
  if (typeof given === 'object') {
    return { refusal: invalidArgumentsResult(toolName, [{ field: 'claimToken', expectation: given.invalid }]) };
  }
  const saved = await readSavedCredentials(context);
  const claimToken = given ?? saved?.claimToken;
  if (!claimToken) return { refusal: missingClaimTokenResult(toolName, context.credentialsPath) };
  return { claimToken, saved };
}
