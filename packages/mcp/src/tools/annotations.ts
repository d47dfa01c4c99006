import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { OperationInfo } from '@opentrain-ai/sdk/operations';

/** Only reads are safe in read-only mode. */
export function isReadOnly(operation: OperationInfo): boolean {
  return operation.method === 'GET';
}

// Calls that end something for good: closing a job, ending a contract, revoking a token.
const ENDING_ACTION = /\/(close|end|revoke)$/;

/** Hints for the host (auto-approve reads, ask before destructive calls); they never change what a call does. */
export function annotationsFor(operation: OperationInfo): ToolAnnotations {
  const readOnly = isReadOnly(operation);
  return {
    title: operation.summary,
    readOnlyHint: readOnly,
    destructiveHint: !readOnly && (operation.method === 'DELETE' || ENDING_ACTION.test(operation.path)),
    idempotentHint: operation.idempotent,
    // Every tool acts on a live OpenTrain account that other people (AI trainers, teammates) see and change too.
    openWorldHint: true,
  };
}
