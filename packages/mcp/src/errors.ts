import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import {
  APIError,
  ConnectionError,
  OAuthError,
  OpenTrainError,
  PermissionDeniedError,
  RateLimitError,
  RequestAbortedError,
  RequestValidationError,
  TimeoutError,
} from '@opentrain-ai/sdk';
import { CredentialsFileError } from '@opentrain-ai/sdk/node';
import { TOKEN_ENV } from './credentials.js';
import { failureResult, isObject } from './results.js';
import { type ArgumentIssue, argumentOf } from './tools/arguments.js';

// Where the scopes an agent lacks come from (the scope model of the Public API).
const SCOPE_ADVICE =
  'A human claiming the account (opentrain_claim_account) adds proposals:write, messages:write and team:write; ' +
  'payments:write and webhooks:manage come only with a token minted in the app (Settings, API keys).';

/** What an error result needs to know about the tool that failed. */
export interface FailedTool {
  readonly name: string;
  readonly readOnly: boolean;
  /** Wire field → argument name, for tools whose arguments are not the wire names. */
  readonly renamedFields?: Readonly<Record<string, string>>;
}

/** Turns anything a tool call threw into an `isError` result the model can act on; a call never crashes the server. */
export function errorResult(tool: FailedTool, error: unknown): CallToolResult {
  if (error instanceof RequestValidationError) return validationResult(tool, error);
  if (error instanceof APIError) return apiErrorResult(tool, error);
  if (error instanceof ConnectionError) return connectionResult(tool, error);
  if (error instanceof RequestAbortedError) {
    return failureResult(`${tool.name} was cancelled.`, { type: 'cancelled', message: error.message });
  }
  if (error instanceof CredentialsFileError) {
    return failureResult(`${tool.name} failed: ${error.message}`, {
      type: 'credentials_file_error',
      message: error.message,
      path: error.path,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  const type = error instanceof OpenTrainError ? 'client_error' : 'internal_error';
  return failureResult(`${tool.name} failed: ${message}`, { type, message });
}

function validationResult(tool: FailedTool, error: RequestValidationError): CallToolResult {
  const issues = error.issues.map((issue) => ({
    field: argumentOf(issue.field, tool.renamedFields),
    expectation: issue.expectation,
  }));
  return invalidArgumentsResult(tool.name, issues);
}

/** Arguments that fail their schema; nothing was sent to OpenTrain. */
export function invalidArgumentsResult(toolName: string, issues: readonly ArgumentIssue[]): CallToolResult {
  const listed = issues.map((issue) => `"${issue.field}": ${issue.expectation}`);
  const first = issues[0];
  return failureResult(`${toolName}: invalid argument ${listed.join('; ')}. Nothing was sent.`, {
    type: 'validation_error',
    field: first?.field,
    expectation: first?.expectation,
    issues,
  });
}

export function unknownArgumentsResult(
  toolName: string,
  unknown: string[],
  accepted: readonly string[],
): CallToolResult {
  const known = accepted.length > 0 ? `It accepts: ${accepted.join(', ')}.` : 'It takes no arguments.';
  return failureResult(
    `${toolName} does not take ${unknown.map((name) => `"${name}"`).join(', ')}. ${known} Nothing was sent.`,
    {
      type: 'unknown_arguments',
      arguments: unknown,
      accepted,
    },
  );
}

export function missingTokenResult(toolName: string): CallToolResult {
  return failureResult(
    `${toolName} needs OpenTrain credentials and none are set up. Call opentrain_register_agent to create an ` +
      `agent account (its token is saved for the next calls), or set ${TOKEN_ENV} to an ot_pat_ token in the MCP ` +
      'client configuration.',
    { type: 'missing_credentials', message: 'No API token: register an agent or configure a token.' },
  );
}

function apiErrorResult(tool: FailedTool, error: APIError): CallToolResult {
  const lines = [`${tool.name} failed: ${error.message}`];
  if (error.requestId) lines.push(`Request id: ${error.requestId}`);
  const facts: Record<string, unknown> = {};
  if (error instanceof PermissionDeniedError) {
    if (error.claimRequired || error.claimUrl) {
      lines.push(
        `A human must claim this account first${error.claimUrl ? ` (${error.claimUrl})` : ''}: ask them for their ` +
          'email, call opentrain_claim_account, then opentrain_claim_status.',
      );
    }
    if (error.missingScopes.length > 0) {
      lines.push(`The token lacks the scopes: ${error.missingScopes.join(', ')}. ${SCOPE_ADVICE}`);
    }
    if (error.featureKey) lines.push(`The feature ${error.featureKey} is off for this account.`);
    Object.assign(facts, {
      claimRequired: error.claimRequired,
      claimUrl: error.claimUrl,
      missingScopes: error.missingScopes,
      featureKey: error.featureKey,
    });
  }
  if (error instanceof RateLimitError && error.retryAfter !== undefined) {
    lines.push(`Rate limited: wait ${error.retryAfter} seconds before calling again.`);
    facts.retryAfter = error.retryAfter;
  }
  if (error.status === 401) {
    lines.push(`The token was refused (revoked or mistyped). Register again, or set ${TOKEN_ENV} to a valid token.`);
  }
  if (error instanceof OAuthError && error.errorDescription) facts.errorDescription = error.errorDescription;
  for (const [key, value] of Object.entries(error.details ?? {})) {
    // Links such as billingUrl point at a page where a person fixes the problem (claimUrl is covered above).
    if (key !== 'claimUrl' && key.endsWith('Url') && typeof value === 'string') {
      lines.push(`A human can fix this at ${value} (${key}).`);
    }
  }
  if (isObject(error.details) && Object.keys(error.details).length > 0) {
    lines.push(`Details: ${JSON.stringify(error.details)}`);
  }
  return failureResult(lines.join('\n'), {
    type: 'api_error',
    status: error.status,
    code: error.code,
    reason: error.reason,
    message: error.message,
    requestId: error.requestId,
    details: error.details,
    ...facts,
  });
}

function connectionResult(tool: FailedTool, error: ConnectionError): CallToolResult {
  const lines = [`${tool.name} failed: ${error.message}`];
  if (!tool.readOnly) {
    lines.push('The request may have reached OpenTrain: check the current state before repeating it.');
  }
  return failureResult(lines.join('\n'), {
    type: error instanceof TimeoutError ? 'timeout' : 'connection_error',
    message: error.message,
    status: error.status,
    requestId: error.requestId,
  });
}
