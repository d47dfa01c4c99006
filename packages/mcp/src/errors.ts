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
import { type OperationId, operationInputs } from '@opentrain-ai/sdk/operations';
import type { RuntimeContext } from './context.js';
import { TOKEN_ENV, usesEnvToken } from './credentials.js';
import { failureResult, isObject, missingFieldsLine } from './results.js';
import { type ArgumentIssue, argumentOf, shapeChoices } from './tools/arguments.js';
import { schemaAt, summarizeSchema } from './tools/schema-summary.js';
import type { OpenTrainTool } from './tools/types.js';

// Where the scopes an agent lacks come from (the scope model of the Public API).
const SCOPE_ADVICE =
  'A human claiming the account (opentrain_claim_account) adds proposals:write, messages:write and team:write; ' +
  'payments:write and webhooks:manage come only with a token minted in the app (Settings, API keys).';

/** Turns anything a tool call threw into an `isError` result the model can act on; a call never crashes the server. */
export function errorResult(tool: OpenTrainTool, error: unknown, context: RuntimeContext): CallToolResult {
  if (error instanceof RequestValidationError) return validationResult(tool, error);
  if (error instanceof APIError) return apiErrorResult(tool, error, context);
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

function validationResult(tool: OpenTrainTool, error: RequestValidationError): CallToolResult {
  const issues = new Map<string, ArgumentIssue>();
  // One issue per argument: a missing path parameter is reported by two checks that say the same thing.
  for (const issue of error.issues) {
    const field = argumentOf(issue.field, tool.renamedFields);
    if (!issues.has(field)) issues.set(field, explainedIssue(tool, field, issue.expectation));
  }
  return invalidArgumentsResult(tool.name, [...issues.values()]);
}

/** A schema description as one line without its closing period, to sit inside a sentence. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
}

const isChoice = (schema: Record<string, unknown>) => Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf);

/**
 * An issue with an expectation the model can act on. For a value that had to match one of several forms, the SDK
 * lists what each form wanted; the tool's own input schema says it more plainly, with the field's description
 * (formats such as YYYY-MM-DD), so that is used instead.
 */
function explainedIssue(tool: OpenTrainTool, field: string, expectation: string): ArgumentIssue {
  const schema = schemaAt(tool.definition.inputSchema, field);
  if (schema && isChoice(schema)) {
    const about = typeof schema.description === 'string' ? ` (${oneLine(schema.description)})` : '';
    return { field, expectation: `expected ${summarizeSchema(schema)}${about}` };
  }
  const shapes =
    field === 'body' ? shapeChoices(operationInputs[tool.operation.operationId as OperationId]) : undefined;
  if (shapes) {
    return { field: 'arguments', expectation: `expected one shape (${shapes}), each value as its schema says` };
  }
  return { field, expectation };
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

/** What to do about a refused token depends on where it came from: the client configuration or the saved file. */
function refusedTokenAdvice(context: RuntimeContext): string {
  if (usesEnvToken(context)) {
    return `The token in ${TOKEN_ENV} was refused (revoked, expired or mistyped): replace it in the MCP client configuration with a valid ot_pat_ token.`;
  }
  return (
    `The saved token in ${context.credentialsPath} was refused (revoked or expired). A human can mint a new one in ` +
    `the app (Settings, API keys) and set ${TOKEN_ENV}, or opentrain_register_agent with force: true starts a ` +
    'brand-new agent account.'
  );
}

/** What a permission refusal needs: the claim, the scopes or the feature flag, as lines and as facts. */
function permissionAdvice(error: PermissionDeniedError): { lines: string[]; facts: Record<string, unknown> } {
  const lines: string[] = [];
  if (error.claimRequired || error.claimUrl) {
    lines.push(
      `A human must claim this account first${error.claimUrl ? ` (${error.claimUrl})` : ''}: ask them for their ` +
        'email, call opentrain_claim_account, then opentrain_claim_status.',
    );
  }
  if (error.missingScopes.length > 0) {
    lines.push(`The token lacks the scopes: ${error.missingScopes.join(', ')}. ${SCOPE_ADVICE}`);
  }
  if (error.featureKey) {
    lines.push(
      `The feature ${error.featureKey} is off for this account. No tool turns it on: tell the human ` +
        '(opentrain_capabilities shows which features are on).',
    );
  }
  const facts = {
    claimRequired: error.claimRequired,
    claimUrl: error.claimUrl,
    missingScopes: error.missingScopes,
    featureKey: error.featureKey,
  };
  return { lines, facts };
}

function apiErrorResult(tool: OpenTrainTool, error: APIError, context: RuntimeContext): CallToolResult {
  const lines = [`${tool.name} failed: ${error.message}`];
  if (error.requestId) lines.push(`Request id: ${error.requestId}`);
  const facts: Record<string, unknown> = {};
  if (error instanceof PermissionDeniedError) {
    const advice = permissionAdvice(error);
    lines.push(...advice.lines);
    Object.assign(facts, advice.facts);
  }
  if (error instanceof RateLimitError && error.retryAfter !== undefined) {
    lines.push(`Rate limited: wait ${error.retryAfter} seconds before calling again.`);
    facts.retryAfter = error.retryAfter;
  }
  const nextStep = tool.nextStep?.(error);
  if (nextStep) {
    lines.push(nextStep);
    facts.nextStep = nextStep;
  } else if (error.status === 401) {
    lines.push(refusedTokenAdvice(context));
  }
  const missing = isObject(error.details?.validation) ? missingFieldsLine(error.details.validation) : undefined;
  if (missing) lines.push(missing);
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

function connectionResult(tool: OpenTrainTool, error: ConnectionError): CallToolResult {
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
