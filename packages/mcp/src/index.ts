export type { ServerContext } from './context.js';
export { createServer, type ServerOptions } from './server.js';
export { type ToolSelection, ToolSelectionError } from './tools/select.js';
