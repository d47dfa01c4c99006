import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { type APIError, type ClaimedToken, OAuthError } from '@opentrain-ai/sdk';
import type { OperationInfo } from '@opentrain-ai/sdk/operations';
import { openClient } from '../../client.js';
import type { RuntimeContext } from '../../context.js';
import { onboardingBaseUrl, readSavedCredentials, saveCredentials } from '../../credentials.js';
import { maskText } from '../../mask.js';
import { successResult } from '../../results.js';
import type { ToolArgument } from '../input-schema.js';
import type { OpenTrainTool } from '../types.js';
import {
  argumentFromField,
  chooseClaimToken,
  envTokenNote,
  malformedAnswerResult,
  onboardingDefinition,
  onlyValue,
  scopeList,
} from './shared.js';

const CLAIM_GRANT_TYPE = onlyValue('exchangeClaimToken', 'grant_type');

const INTRO =
  'Check once whether the human has finished claiming this agent account. While they have not, it reports ' +
  'authorization_pending (or slow_down when checked too often: wait longer). Once claimed, it saves the post-claim ' +
  'token to the credentials file and forgets the claim token; hiring, messaging, team invites and payments unlock.';

const ARGUMENTS: ToolArgument[] = [
  {
    ...argumentFromField('exchangeClaimToken', 'claim_token', 'claimToken', false),
    description: 'The claim token from registration (ot_clm_…). Default: the one saved by opentrain_register_agent.',
  },
];
const ACCEPTED = ARGUMENTS.map((arg) => arg.name);

// What to do when the claim can no longer finish as it stands, by the token endpoint's error code.
const NEXT_STEPS: ReadonlyMap<string, string> = new Map([
  [
    'invalid_request',
    "No claim is running for this claim token: start one with opentrain_claim_account (it needs the human's email).",
  ],
  [
    'expired_token',
    'If the claim attempt expired, start it again with opentrain_claim_account; if the claim window of the ' +
      'registration closed, the account can no longer be claimed: opentrain_register_agent with force: true starts ' +
      'a new one.',
  ],
  ['access_denied', 'The human declined the claim: stop checking, and ask them before starting a new claim.'],
  [
    'invalid_grant',
    'The claim token is unknown, or its post-claim token was already handed out (perhaps to another client sharing ' +
      'the credentials file): check with opentrain_auth_status. A lost post-claim token can only be replaced by one ' +
      'minted in the app.',
  ],
]);

function nextStep(error: APIError): string | undefined {
  return error instanceof OAuthError ? NEXT_STEPS.get(error.error) : undefined;
}

/** `authorization_pending` and `slow_down` are answers, not failures: the claim simply is not done yet. */
function notYetResult(error: OAuthError): CallToolResult {
  const status = error.error === 'slow_down' ? 'slow_down' : 'authorization_pending';
  const advice =
    status === 'slow_down'
      ? `Checked too soon: ${(error.errorDescription ?? 'wait longer between checks').replace(/\.$/, '')}.`
      : 'The human has not finished the claim yet: check again in a little while.';
  return successResult(`Not claimed yet (${status}). ${advice}`, {
    status,
    claimed: false,
    message: error.errorDescription,
  });
}

async function saveClaimedToken(context: RuntimeContext, token: string, baseUrl: string): Promise<string> {
  // Read again: the file may have changed while the human was claiming.
  const saved = await readSavedCredentials(context);
  return saveCredentials(context, { apiToken: token, baseUrl: saved?.baseUrl ?? baseUrl });
}

export function claimStatusTool(operation: OperationInfo & { mcpTool: string }): OpenTrainTool {
  const name = operation.mcpTool;
  return {
    name,
    operation,
    readOnly: false,
    renamedFields: { claim_token: 'claimToken' },
    nextStep,
    definition: onboardingDefinition(operation, 'Check the human claim', INTRO, ARGUMENTS),
    async run({ args, context, signal }) {
      const choice = await chooseClaimToken(name, args, ACCEPTED, context);
      if (choice.refusal) return choice.refusal;
      const { claimToken, saved } = choice;
      const baseUrl = onboardingBaseUrl(context, saved);
      const client = openClient(context, { apiToken: undefined, baseUrl });
      const body = { grant_type: CLAIM_GRANT_TYPE, claim_token: claimToken };
      let data: ClaimedToken;
      try {
        data = await client.request<ClaimedToken>(operation, { body }, { signal });
      } catch (error) {
        if (error instanceof OAuthError && (error.error === 'authorization_pending' || error.error === 'slow_down')) {
          return notYetResult(error);
        }
        throw error;
      }
      if (typeof data?.access_token !== 'string') return malformedAnswerResult(name, 'the post-claim token');

      const path = await saveClaimedToken(context, data.access_token, baseUrl);
      const lines = [
        `The human claimed the account. Saved the post-claim token (${maskText(data.access_token)}) to ${path} ` +
          'and removed the claim token; the pre-claim token no longer works.',
        `Scopes: ${scopeList(data.scopes)}. Hiring, messaging, team invites and payment tools are now available.`,
        ...envTokenNote(context),
      ];
      return successResult(lines.join('\n'), { status: 'claimed', claimed: true, ...data, credentialsPath: path });
    },
  };
}
