import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { JsonSchema } from '@opentrain-ai/sdk/operations';

/** One argument of a tool: its name, JSON Schema, and whether a call must give it. */
export interface ToolArgument {
  readonly name: string;
  readonly schema: JsonSchema;
  readonly required: boolean;
  readonly description?: string | undefined;
}

/**
 * The tool's `inputSchema`: one property per argument, with the argument's own description (more specific than the
 * description of its type), and no other properties allowed, since unknown arguments are refused.
 */
export function inputSchemaOf(args: readonly ToolArgument[]): Tool['inputSchema'] {
  const properties: Record<string, JsonSchema> = {};
  for (const arg of args) {
    if (Object.hasOwn(properties, arg.name)) {
      throw new Error(`Two arguments are both named "${arg.name}"; every argument of a tool needs its own name`);
    }
    const description = arg.description ?? arg.schema.description;
    properties[arg.name] = description === undefined ? arg.schema : { ...arg.schema, description };
  }
  const required = args.filter((arg) => arg.required).map((arg) => arg.name);
  return {
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
}
