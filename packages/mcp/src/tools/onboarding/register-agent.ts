import type { AgentRegistration } from '@opentrain-ai/sdk';
import { type Credentials, CredentialsFileError } from '@opentrain-ai/sdk/node';
import type { OperationInfo } from '@opentrain-ai/sdk/operations';
import { openClient } from '../../client.js';
import type { RuntimeContext } from '../../context.js';
import { onboardingBaseUrl, readSavedCredentials, saveCredentials } from '../../credentials.js';
import { invalidArgumentsResult, unknownArgumentsResult } from '../../errors.js';
import { maskText } from '../../mask.js';
import { compact, failureResult, successResult } from '../../results.js';
import { annotationsFor } from '../annotations.js';
import { unknownArguments } from '../arguments.js';
import { describeOperation } from '../description.js';
import { inputSchemaOf, type ToolArgument } from '../input-schema.js';
import type { OpenTrainTool } from '../types.js';
import { argumentFromField, envTokenNote, optionalString } from './shared.js';

const INTRO =
  'Create a new OpenTrain agent account without any credentials, and save its API token and claim token to the ' +
  'credentials file shared with the OpenTrain CLI, so the next tools use the account at once. Refuses when ' +
  'credentials are already saved, unless force is true. The account can draft and publish jobs right away; hiring, ' +
  'messaging and payments unlock once a human claims it (opentrain_claim_account).';

const ARGUMENTS: ToolArgument[] = [
  argumentFromField('registerAgent', 'agent_name', 'agentName', false),
  argumentFromField('registerAgent', 'organization_name', 'organizationName', false),
  {
    name: 'force',
    schema: { type: 'boolean' },
    required: false,
    description:
      'Replace credentials that are already saved with a brand-new account (the old token is not revoked). Default false.',
  },
];
const ACCEPTED = ARGUMENTS.map((arg) => arg.name);

/** Saved credentials, or none when the file is unreadable but is about to be replaced anyway (`force`). */
async function savedCredentials(context: RuntimeContext, force: boolean): Promise<Credentials | undefined> {
  try {
    return await readSavedCredentials(context);
  } catch (error) {
    if (force && error instanceof CredentialsFileError) return undefined;
    throw error;
  }
}

export function registerAgentTool(operation: OperationInfo & { mcpTool: string }): OpenTrainTool {
  const name = operation.mcpTool;
  return {
    name,
    operation,
    readOnly: false,
    renamedFields: { agent_name: 'agentName', organization_name: 'organizationName' },
    definition: {
      name,
      title: 'Register an agent account',
      description: describeOperation(operation, INTRO),
      inputSchema: inputSchemaOf(ARGUMENTS),
      annotations: { ...annotationsFor(operation), title: 'Register an agent account' },
    },
    async run({ args, context, signal }) {
      const unknown = unknownArguments(args, ACCEPTED);
      if (unknown.length > 0) return unknownArgumentsResult(name, unknown, ACCEPTED);
      if (args.force !== undefined && typeof args.force !== 'boolean') {
        return invalidArgumentsResult(name, [{ field: 'force', expectation: 'expected true or false' }]);
      }
      const agentName = optionalString(args, 'agentName');
      const organizationName = optionalString(args, 'organizationName');
      for (const [field, value] of [
        ['agentName', agentName],
        ['organizationName', organizationName],
      ] as const) {
        if (typeof value === 'object') return invalidArgumentsResult(name, [{ field, expectation: value.invalid }]);
      }

      const force = args.force === true;
      const saved = await savedCredentials(context, force);
      if (!force && (saved?.apiToken || saved?.claimToken)) {
        return failureResult(
          `Credentials are already saved in ${context.credentialsPath}, so no new account was registered. Use them ` +
            '(check with opentrain_auth_status), or call opentrain_register_agent again with force: true to replace ' +
            'them with a brand-new account.',
          { type: 'credentials_exist', credentialsPath: context.credentialsPath },
        );
      }

      const baseUrl = onboardingBaseUrl(context, saved);
      const client = openClient(context, { apiToken: undefined, baseUrl });
      const body = compact({ identity_type: 'anonymous', agent_name: agentName, organization_name: organizationName });
      const { data, requestId } = await client
        .request<AgentRegistration>(operation, { body }, { signal })
        .withResponse();
      if (typeof data?.access_token !== 'string' || typeof data.claim_token !== 'string') {
        return failureResult(
          `OpenTrain answered the registration without the tokens it should hold${requestId ? ` (request id ${requestId})` : ''}; nothing was saved.`,
          { type: 'malformed_response', requestId },
        );
      }
      const replaced = Boolean(saved?.apiToken || saved?.claimToken);
      const path = await saveCredentials(context, {
        apiToken: data.access_token,
        baseUrl,
        claimToken: data.claim_token,
      });

      const lines = [
        `Registered a new OpenTrain agent account (registration ${data.registration_id}) at ${baseUrl}.`,
        `Saved its API token (${maskText(data.access_token)}) and claim token (${maskText(data.claim_token)}) to ${path}` +
          `${replaced ? ', replacing the credentials saved before' : ''}.`,
        `Scopes: ${data.scopes.join(', ')}. Jobs can be drafted and published now.`,
        'To unlock hiring, messaging and payments, ask the human for their email and call opentrain_claim_account ' +
          `before ${data.claim_token_expires_at}.`,
        ...envTokenNote(context),
      ];
      return successResult(lines.join('\n'), { ...data, credentialsPath: path });
    },
  };
}
