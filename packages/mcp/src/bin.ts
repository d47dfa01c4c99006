import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { parseCommandLine, USAGE, UsageError } from './options.js';
import { createServer } from './server.js';
import { ToolSelectionError } from './tools/select.js';

// stdout carries the MCP protocol, so every message of our own goes to stderr (help is the exception: no protocol).
async function main(): Promise<number | undefined> {
  try {
    const options = parseCommandLine(process.argv.slice(2), process.env);
    if (options.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    const server = createServer({ readOnly: options.readOnly, tools: options.tools });
    await server.connect(new StdioServerTransport());
    return undefined;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ToolSelectionError) {
      process.stderr.write(`opentrain-mcp: ${error.message}\nRun opentrain-mcp --help for the options.\n`);
      return 2;
    }
    throw error;
  }
}

main().then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`opentrain-mcp: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
