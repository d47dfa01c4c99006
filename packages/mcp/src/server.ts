import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';
import packageJson from '../package.json' with { type: 'json' };
import { resolveContext, type ServerContext } from './context.js';
import { errorResult } from './errors.js';
import { failureResult, isObject } from './results.js';
import { officialTools } from './tools/catalog.js';
import { selectTools, type ToolSelection, whyDisabled } from './tools/select.js';

export type ServerOptions = ServerContext & ToolSelection;

const INSTRUCTIONS = [
  'OpenTrain is a marketplace for hiring AI trainers (data labelers). These tools draft and publish jobs, review',
  'proposals, hire, manage contracts, milestones, credits, messages, webhooks and the team.',
  'Start with opentrain_auth_status. Without credentials, opentrain_register_agent creates an agent account at once;',
  'a human later claims it (opentrain_claim_account, then opentrain_claim_status) to unlock hiring, messaging and',
  'payments. Money never moves from a tool call: hiring, funding or releasing a milestone and ending a funded contract',
  'return a pending approval whose approvalUrl a human must open and confirm; follow it with opentrain_get_approval.',
].join(' ');

/**
 * The OpenTrain MCP server (not yet connected to a transport). Every official tool is built from the SDK's operation
 * table; `readOnly` and `tools` limit what is offered. Throws `ToolSelectionError` when `tools` names an unknown tool.
 */
export function createServer(options: ServerOptions = {}): Server {
  const context = resolveContext(options);
  const all = officialTools();
  const enabled = new Map(selectTools(all, options).map((tool) => [tool.name, tool]));

  const server = new Server(
    { name: 'opentrain', title: 'OpenTrain', version: packageJson.version },
    { capabilities: { tools: {} }, instructions: INSTRUCTIONS },
  );

  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: [...enabled.values()].map((tool) => tool.definition),
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const { name, arguments: args = {} } = request.params;
    const tool = enabled.get(name);
    if (!tool) {
      const known = all.find((candidate) => candidate.name === name);
      if (!known) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}`);
      const reason = whyDisabled(known, options) ?? 'it is turned off';
      return failureResult(`${name} is not available: ${reason}.`, { type: 'tool_disabled', tool: name, reason });
    }
    if (!isObject(args))
      return failureResult(`${name}: the arguments must be an object.`, { type: 'invalid_arguments' });
    try {
      return await tool.run({ args, context, signal: extra.signal });
    } catch (error) {
      return errorResult(tool, error, context);
    }
  });

  return server;
}
