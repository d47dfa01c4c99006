import type { OpenTrainTool } from './types.js';

/** An operator setting names a tool that does not exist; the server does not start. */
export class ToolSelectionError extends Error {
  override name = 'ToolSelectionError';
}

export interface ToolSelection {
  /** Only read-only tools: every other tool is hidden and refused, even when `tools` names it. */
  readOnly?: boolean | undefined;
  /** Only these tools (official names). */
  tools?: readonly string[] | undefined;
}

/** Why a tool is not offered, or `undefined` when it is. */
export function whyDisabled(tool: OpenTrainTool, selection: ToolSelection): string | undefined {
  if (selection.readOnly && !tool.readOnly) return 'the server runs in read-only mode';
  if (selection.tools && !selection.tools.includes(tool.name))
    return 'the server was started with a --tools list without it';
  return undefined;
}

/** The tools the operator allows; throws `ToolSelectionError` naming every unknown name in `tools`. */
export function selectTools(all: readonly OpenTrainTool[], selection: ToolSelection): OpenTrainTool[] {
  if (selection.tools) {
    const known = new Set(all.map((tool) => tool.name));
    const unknown = selection.tools.filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new ToolSelectionError(
        `Unknown tool name${unknown.length > 1 ? 's' : ''} in the tool list: ${unknown.join(', ')}. ` +
          `Known tools: ${[...known].sort().join(', ')}.`,
      );
    }
  }
  return all.filter((tool) => whyDisabled(tool, selection) === undefined);
}
