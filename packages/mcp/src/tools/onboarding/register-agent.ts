import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { AgentRegistration } from '@opentrain-ai/sdk';
import { type Credentials, CredentialsFileError } from '@opentrain-ai/sdk/node';
import type { OperationInfo } from '@opentrain-ai/sdk/operations';
import { openClient } from '../../client.js';
import type { RuntimeContext } from '../../context.js';
import { onboardingBaseUrl, readSavedCredentials, saveCredentials } from '../../credentials.js';
import { invalidArgumentsResult, unknownArgumentsResult } from '../../errors.js';
import { maskText } from '../../mask.js';
import { compact, failureResult, successResult } from '../../results.js';
import { type ArgumentIssue, unknownArguments } from '../arguments.js';
import type { ToolArgument } from '../input-schema.js';
import type { OpenTrainTool } from '../types.js';
import {
  argumentFromField,
  envTokenNote,
  malformedAnswerResult,
  onboardingDefinition,
  onlyValue,
  optionalString,
  scopeList,
} from './shared.js';

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
const IDENTITY_TYPE = onlyValue('registerAgent', 'identity_type');

/** Saved credentials, or none when the file is unreadable but is about to be replaced anyway (`force`). */
async function savedCredentials(context: RuntimeContext, force: boolean): Promise<Credentials | undefined> {
  try {
    return await readSavedCredentials(context);
  } catch (error) {
    if (force && error instanceof CredentialsFileError) return undefined;
    throw error;
  }
}

interface RegistrationArguments {
  agentName: string | undefined;
  organizationName: string | undefined;
  force: boolean;
}

/** The arguments checked, or the result that refuses them (naming every invalid one at once). */
function checkArguments(
  name: string,
  args: Record<string, unknown>,
): { ok: RegistrationArguments; refusal?: undefined } | { refusal: CallToolResult } {
  const unknown = unknownArguments(args, ACCEPTED);
  if (unknown.length > 0) return { refusal: unknownArgumentsResult(name, unknown, ACCEPTED) };
  const agentName = optionalString(args, 'agentName');
  const organizationName = optionalString(args, 'organizationName');
  const issues: ArgumentIssue[] = [];
  if (typeof agentName === 'object') issues.push({ field: 'agentName', expectation: agentName.invalid });
  if (typeof organizationName === 'object') {
    issues.push({ field: 'organizationName', expectation: organizationName.invalid });
  }
  if (args.force !== undefined && typeof args.force !== 'boolean') {
    issues.push({ field: 'force', expectation: 'expected true or false' });
  }
  // The first two checks say nothing new; they let TypeScript see that both names are strings past this point.
  if (typeof agentName === 'object' || typeof organizationName === 'object' || issues.length > 0) {
    return { refusal: invalidArgumentsResult(name, issues) };
  }
  return { ok: { agentName, organizationName, force: args.force === true } };
}

function credentialsExistResult(context: RuntimeContext): CallToolResult {
  return failureResult(
    `Credentials are already saved in ${context.credentialsPath}, so no new account was registered. Use them ` +
      '(check with opentrain_auth_status), or call opentrain_register_agent again with force: true to replace ' +
      'them with a brand-new account.',
    { type: 'credentials_exist', credentialsPath: context.credentialsPath },
  );
}

/** The summary of a registration whose tokens were saved to `path`. */
function registeredLines(
  data: AgentRegistration,
  where: { baseUrl: string; path: string; replaced: boolean },
  context: RuntimeContext,
): string[] {
  const registration = typeof data.registration_id === 'string' ? ` (registration ${data.registration_id})` : '';
  const deadline = typeof data.claim_token_expires_at === 'string' ? ` before ${data.claim_token_expires_at}` : '';
  return [
    `Registered a new OpenTrain agent account${registration} at ${where.baseUrl}.`,
    `Saved its API token (${maskText(data.access_token)}) and claim token (${maskText(data.claim_token)}) to ` +
      `${where.path}${where.replaced ? ', replacing the credentials saved before' : ''}.`,
    `Scopes: ${scopeList(data.scopes)}. Jobs can be drafted and published now.`,
    `To unlock hiring, messaging and payments, ask the human for their email and call opentrain_claim_account${deadline}.`,
    ...envTokenNote(context),
  ];
}

export function registerAgentTool(operation: OperationInfo & { mcpTool: string }): OpenTrainTool {
  const name = operation.mcpTool;
  return {
    name,
    operation,
    readOnly: false,
    renamedFields: { agent_name: 'agentName', organization_name: 'organizationName' },
    definition: onboardingDefinition(operation, 'Register an agent account', INTRO, ARGUMENTS),
    async run({ args, context, signal }) {
      const checked = checkArguments(name, args);
      if (checked.refusal) return checked.refusal;
      const { agentName, organizationName, force } = checked.ok;
      const saved = await savedCredentials(context, force);
      const replaced = Boolean(saved?.apiToken || saved?.claimToken);
      if (replaced && !force) return credentialsExistResult(context);

      const baseUrl = onboardingBaseUrl(context, saved);
      const client = openClient(context, { apiToken: undefined, baseUrl });
      const body = compact({
        identity_type: IDENTITY_TYPE,
        agent_name: agentName,
        organization_name: organizationName,
      });
      const { data, requestId } = await client
        .request<AgentRegistration>(operation, { body }, { signal })
        .withResponse();
      if (typeof data?.access_token !== 'string' || typeof data.claim_token !== 'string') {
        return malformedAnswerResult(name, 'the API token and claim token of the new account', requestId);
      }
      const path = await saveCredentials(context, {
        apiToken: data.access_token,
        baseUrl,
        claimToken: data.claim_token,
      });
      const lines = registeredLines(data, { baseUrl, path, replaced }, context);
      return successResult(lines.join('\n'), { ...data, credentialsPath: path });
    },
  };
}
