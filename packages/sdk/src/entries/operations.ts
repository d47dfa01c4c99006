// `@opentrain-ai/sdk/operations`: the table of operations and every operation's inputs with their JSON Schemas,
// without zod. Tools built from the table (the CLI's commands, the MCP server's tools) import this at start-up and
// leave the zod schemas to load with the first validated request.
export {
  type InputField,
  type JsonSchema,
  type OperationInputs,
  operationInputs,
} from '../generated/operation-inputs.js';
export { type OperationId, type OperationInfo, operations, operationsById } from '../generated/operations.js';
