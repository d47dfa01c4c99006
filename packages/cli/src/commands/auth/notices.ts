import type { ResolvedCredentials } from '@opentrain-ai/sdk/node';
import { type CliContext, writeLine } from '../../io.js';

/** When a token variable is set it wins over the file, so newly saved credentials would silently go unused. */
export function warnIfEnvTokenWins(ctx: CliContext, credentials: ResolvedCredentials): void {
  const source = credentials.apiTokenSource;
  if (!source?.startsWith('env:')) return;
  writeLine(
    ctx.stderr,
    `Note: ${source.slice(4)} is set, so commands keep using it instead of the saved token; unset it to use the saved one.`,
  );
}
