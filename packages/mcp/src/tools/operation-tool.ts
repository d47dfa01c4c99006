import {
  type OperationId,
  type OperationInfo,
  type OperationInputs,
  operationInputs,
} from '@opentrain-ai/sdk/operations';
import { openClient } from '../client.js';
import type { RuntimeContext } from '../context.js';
import { resolveApiCredentials } from '../credentials.js';
import { invalidArgumentsResult, missingTokenResult, unknownArgumentsResult } from '../errors.js';
import { operationResult } from '../results.js';
import { annotationsFor, isReadOnly } from './annotations.js';
import { bodyShapeIssues, bodyVariants, toOperationParams, unknownArguments } from './arguments.js';
import { describeOperation } from './description.js';
import { inputSchemaOf, type ToolArgument } from './input-schema.js';
import type { OpenTrainTool } from './types.js';

/** The tool's arguments: the operation's path, query and body fields under their wire names. */
// The table already merges a field that several shapes of a body define (none of them required), so each field is
// an argument as it is.
function argumentsOf(inputs: OperationInputs): ToolArgument[] {
  const args: ToolArgument[] = inputs.fields.map((field) => ({
    name: field.name,
    schema: field.schema,
    required: field.required,
    description: field.description,
  }));
  if (inputs.body?.flattened === 'none') {
    args.push({ name: 'body', schema: inputs.body.schema, required: inputs.body.required });
  }
  return args;
}

/** The tool description; a body that is a choice of shapes says which shapes there are. */
function describeTool(operation: OperationInfo, inputs: OperationInputs): string {
  const shapes = bodyVariants(inputs).length > 0 ? inputs.body?.schema.description : undefined;
  if (typeof shapes !== 'string') return describeOperation(operation);
  return describeOperation(operation, `${operation.summary}. ${shapes.replace(/\s+/g, ' ').trim()}`);
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
  const args = argumentsOf(inputs);
  const accepted = args.map((arg) => arg.name);

  return {
    name,
    operation,
    readOnly: isReadOnly(operation),
    definition: {
      name,
      title: operation.summary,
      description: describeTool(operation, inputs),
      inputSchema: inputSchemaOf(args),
      annotations: annotationsFor(operation),
    },
    async run({ args: given, context, signal }) {
      const unknown = unknownArguments(given, accepted);
      if (unknown.length > 0) return unknownArgumentsResult(name, unknown, accepted);
      const bodyIssues = bodyShapeIssues(given, inputs);
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
