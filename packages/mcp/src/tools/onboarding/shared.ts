import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Credentials } from '@opentrain-ai/sdk/node';
import { type OperationId, operationInputs } from '@opentrain-ai/sdk/operations';
import type { RuntimeContext } from '../../context.js';
import { readSavedCredentials, TOKEN_ENV, usesEnvToken } from '../../credentials.js';
import { invalidArgumentsResult, unknownArgumentsResult } from '../../errors.js';
import { failureResult } from '../../results.js';
import { unknownArguments } from '../arguments.js';
import type { ToolArgument } from '../input-schema.js';

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

/** A string argument that may be left out: `undefined`, the string, or an issue for the model to fix. */
export function optionalString(args: Record<string, unknown>, name: string): string | undefined | { invalid: string } {
  const value = args[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') return { invalid: 'expected a non-empty string' };
  return value;
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
