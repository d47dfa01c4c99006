import type { ClaimStart } from '@opentrain-ai/sdk';
import type { OperationInfo } from '@opentrain-ai/sdk/operations';
import { openClient } from '../../client.js';
import { onboardingBaseUrl } from '../../credentials.js';
import { invalidArgumentsResult } from '../../errors.js';
import { successResult } from '../../results.js';
import type { ToolArgument } from '../input-schema.js';
import type { OpenTrainTool } from '../types.js';
import { argumentFromField, chooseClaimToken, malformedAnswerResult, onboardingDefinition } from './shared.js';

const INTRO =
  'Start the human claim of this agent account: OpenTrain sends the owner at email a verification link, and the ' +
  'result holds the same link and a six-digit code to show them. Uses the saved claim token unless claimToken is ' +
  'given. Afterwards call opentrain_claim_status until it reports the account claimed.';

const ARGUMENTS: ToolArgument[] = [
  argumentFromField('startClaim', 'email', 'email', true),
  {
    ...argumentFromField('startClaim', 'claim_token', 'claimToken', false),
    description: 'The claim token from registration (ot_clm_…). Default: the one saved by opentrain_register_agent.',
  },
];
const ACCEPTED = ARGUMENTS.map((arg) => arg.name);

export function claimAccountTool(operation: OperationInfo & { mcpTool: string }): OpenTrainTool {
  const name = operation.mcpTool;
  return {
    name,
    operation,
    readOnly: false,
    renamedFields: { claim_token: 'claimToken' },
    definition: onboardingDefinition(operation, 'Start the human claim', INTRO, ARGUMENTS),
    async run({ args, context, signal }) {
      const choice = await chooseClaimToken(name, args, ACCEPTED, context);
      if (choice.refusal) return choice.refusal;
      if (args.email === undefined) return invalidArgumentsResult(name, [{ field: 'email', expectation: 'required' }]);
      const { claimToken, saved } = choice;
      const client = openClient(context, { apiToken: undefined, baseUrl: onboardingBaseUrl(context, saved) });
      const body = { claim_token: claimToken, email: args.email };
      const { data, requestId } = await client.request<ClaimStart>(operation, { body }, { signal }).withResponse();
      if (typeof data?.verification_uri !== 'string' || typeof data.user_code !== 'string') {
        return malformedAnswerResult(name, 'the claim link and code for the human', requestId);
      }

      const within = typeof data.expires_in === 'number' ? ` within ${Math.round(data.expires_in / 60)} minutes` : '';
      const pace =
        typeof data.interval === 'number' ? `no more than once every ${data.interval} seconds` : 'now and then';
      const lines = [
        `Claim started for ${String(args.email)}.`,
        `The human must open ${data.verification_uri} and enter the code ${data.user_code}${within}.`,
        data.email_sent
          ? 'OpenTrain emailed them the link as well.'
          : 'No email went out: give them the link and the code yourself.',
        `Then call opentrain_claim_status, ${pace}, until it reports the account claimed.`,
      ];
      return successResult(lines.join('\n'), { ...data });
    },
  };
}
