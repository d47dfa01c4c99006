// `@opentrain-ai/sdk/schemas`: the zod schemas generated from the spec, kept out of the core entry so it stays small.
export {
  type InputField,
  type JsonSchema,
  type OperationInputs,
  operationInputs,
} from '../generated/operation-inputs.js';
export { type OperationSchemaSet, operationSchemas, webhookSchemas } from '../generated/operation-schemas.js';
export { type OperationId, type OperationInfo, operations, operationsById } from '../generated/operations.js';
export * as partnerSchemas from '../generated/zod/partner.js';
export * as publicSchemas from '../generated/zod/public.js';
