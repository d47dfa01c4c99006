import { type OperationInfo, operations } from '@opentrain-ai/sdk/operations';
import { claimAccountTool } from './onboarding/claim-account.js';
import { claimStatusTool } from './onboarding/claim-status.js';
import { registerAgentTool } from './onboarding/register-agent.js';
import { operationTool } from './operation-tool.js';
import type { OpenTrainTool } from './types.js';
import { keepWebhookSecret } from './webhook-secret.js';

type ToolOperation = OperationInfo & { mcpTool: string };
type ToolFactory = (operation: ToolOperation) => OpenTrainTool;

// The onboarding tools keep credentials in the shared file and take the documented camelCase arguments, so they
// have factories of their own, and creating a webhook keeps its secret in a file; every other tool comes from the
// generic factory as it is.
const SPECIAL: Readonly<Record<string, ToolFactory>> = {
  registerAgent: registerAgentTool,
  startClaim: claimAccountTool,
  exchangeClaimToken: claimStatusTool,
  createWebhook: (operation) => operationTool(operation, keepWebhookSecret),
};

function hasTool(operation: OperationInfo): operation is ToolOperation {
  return operation.mcpTool !== null;
}

/** One tool for every operation of the table that names an official MCP tool. */
export function officialTools(): OpenTrainTool[] {
  const rows: readonly OperationInfo[] = operations;
  return rows.filter(hasTool).map((operation) => (SPECIAL[operation.operationId] ?? operationTool)(operation));
}
