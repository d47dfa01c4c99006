// `@opentrain-ai/sdk/schemas`: the zod schemas generated from the spec, kept out of the core entry so it stays small,
// and the operation table with each operation's inputs (also in `@opentrain-ai/sdk/operations`, without zod).
export { type OperationSchemaSet, operationSchemas, webhookSchemas } from '../generated/operation-schemas.js';
export * as partnerSchemas from '../generated/zod/partner.js';
export * as publicSchemas from '../generated/zod/public.js';
export * from './operations.js';
