import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { APIError } from '@opentrain-ai/sdk';
import type { OperationInfo } from '@opentrain-ai/sdk/operations';
import type { RuntimeContext } from '../context.js';

export interface ToolCall {
  /** The arguments the client sent (an empty object when it sent none). */
  args: Record<string, unknown>;
  context: RuntimeContext;
  /** Aborts when the client cancels the call. */
  signal: AbortSignal;
}

/** One MCP tool: what `tools/list` shows, and how a call runs. */
export interface OpenTrainTool {
  readonly name: string;
  /** The operation of the table the tool wraps. */
  readonly operation: OperationInfo;
  readonly definition: Tool;
  readonly readOnly: boolean;
  /** Wire field → argument name, for tools whose arguments are not the wire names (validation errors use these). */
  readonly renamedFields?: Readonly<Record<string, string>>;
  /** What to do next about a refusal only this tool can explain, added to its error result. */
  readonly nextStep?: (error: APIError) => string | undefined;
  run(call: ToolCall): Promise<CallToolResult>;
}
