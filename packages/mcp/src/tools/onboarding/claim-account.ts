import type { ClaimStart } from '@opentrain-ai/sdk';
import type { OperationInfo } from '@opentrain-ai/sdk/operations';
import { openClient } from '../../client.js';
import { onboardingBaseUrl } from '../../credentials.js';
import { invalidArgumentsResult } from '../../errors.js';
import { successResult } from '../../results.js';
import { annotationsFor } from '../annotations.js';
import { describeOperation } from '../description.js';
import { inputSchemaOf, type ToolArgument } from '../input-schema.js';
import type { OpenTrainTool } from '../types.js';
import { argumentFromField, chooseClaimToken } from './shared.js';

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
    definition: {
      name,
      title: 'Start the human claim',
      description: describeOperation(operation, INTRO),
      inputSchema: inputSchemaOf(ARGUMENTS),
      annotations: { ...annotationsFor(operation), title: 'Start the human claim' },
    },
    async run({ args, context, signal }) {
      const choice = await chooseClaimToken(name, args, ACCEPTED, context);
      if (choice.refusal) return choice.refusal;
      if (args.email === undefined) return invalidArgumentsResult(name, [{ field: 'email', expectation: 'required' }]);
      const { claimToken, saved } = choice;
      const client = openClient(context, { apiToken: undefined, baseUrl: onboardingBaseUrl(context, saved) });
      const body = { claim_token: claimToken, email: args.email };
      const { data } = await client.request<ClaimStart>(operation, { body }, { signal }).withResponse();

      const minutes = Math.round(data.expires_in / 60);
      const lines = [
        `Claim started for ${String(args.email)}.`,
        `The human must open ${data.verification_uri} and enter the code ${data.user_code} within ${minutes} minutes.`,
        data.email_sent
          ? 'OpenTrain emailed them the link as well.'
          : 'No email went out: give them the link and the code yourself.',
        `Then call opentrain_claim_status, no more than once every ${data.interval} seconds, until it reports the ` +
          'account claimed.',
      ];
      return successResult(lines.join('\n'), { ...data });
    },
  };
}
