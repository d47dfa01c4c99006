import { type OperationId, type OperationInfo, operationInputs } from '@opentrain-ai/sdk/operations';
import { openClient } from '../client.js';
import type { RuntimeContext } from '../context.js';
import { resolveApiCredentials } from '../credentials.js';
import { invalidArgumentsResult, missingTokenResult, unknownArgumentsResult } from '../errors.js';
import { operationResult } from '../results.js';
import { annotationsFor, isReadOnly } from './annotations.js';
import { emptyBodyIssues, toOperationParams, unknownArguments } from './arguments.js';
import { describeOperation } from './description.js';
import { inputSchemaOf, type ToolArgument } from './input-schema.js';
import type { OpenTrainTool } from './types.js';

/** The tool's arguments: the operation's path, query and body fields under their wire names. */
function argumentsOf(operation: OperationInfo): ToolArgument[] {
  const inputs = operationInputs[operation.operationId as OperationId];
  const args: ToolArgument[] = inputs.fields.map((field) => ({
    name: field.name,
    schema: field.schema,
    // A body that is a choice of shapes has no field every shape needs.
    required: field.required && !(field.in === 'body' && inputs.body?.flattened === 'variants'),
    description: field.description,
  }));
  if (inputs.body?.flattened === 'none') {
    args.push({ name: 'body', schema: inputs.body.schema, required: inputs.body.required });
  }
  return args;
}

/** Turns an operation's answer into what the tool returns, before masking (e.g. to keep a secret in a file). */
export type AnswerHandler = (data: unknown, context: RuntimeContext) => Promise<{ data: unknown; note?: string }>;

/**
 * A tool that calls one operation of the table: its arguments are the operation's fields, split back into path,
 * query and body by each field's `in`, and sent through the SDK (which validates them before anything is sent).
 */
export function operationTool(
  operation: OperationInfo & { mcpTool: string },
  handleAnswer?: AnswerHandler,
): OpenTrainTool {
  const name = operation.mcpTool;
  const inputs = operationInputs[operation.operationId as OperationId];
  const args = argumentsOf(operation);
  const accepted = args.map((arg) => arg.name);

  return {
    name,
    operation,
    readOnly: isReadOnly(operation),
    definition: {
      name,
      title: operation.summary,
      description: describeOperation(operation),
      inputSchema: inputSchemaOf(args),
      annotations: annotationsFor(operation),
    },
    async run({ args: given, context, signal }) {
      const unknown = unknownArguments(given, accepted);
      if (unknown.length > 0) return unknownArgumentsResult(name, unknown, accepted);
      const bodyIssues = emptyBodyIssues(given, inputs);
      if (bodyIssues.length > 0) return invalidArgumentsResult(name, bodyIssues);
      const credentials = await resolveApiCredentials(context);
      if (!operation.tokenless && !credentials.apiToken) return missingTokenResult(name);
      const client = openClient(context, credentials);
      const { data, response, requestId } = await client
        .request(operation, toOperationParams(given, inputs), { signal })
        .withResponse();
      const handled = handleAnswer ? await handleAnswer(data, context) : { data };
      return operationResult(name, operation, handled.data, { status: response.status, requestId }, handled.note);
    },
  };
}
