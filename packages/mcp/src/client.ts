import { OpenTrain } from '@opentrain-ai/sdk';
import type { RuntimeContext } from './context.js';

export interface Connection {
  /** `undefined` makes a client that sends no token (enough for tokenless operations). */
  apiToken: string | undefined;
  baseUrl: string;
}

/** An SDK client for one tool call: the SDK is the only way this server talks to OpenTrain. */
export function openClient(context: RuntimeContext, connection: Connection): OpenTrain {
  return new OpenTrain({
    apiKey: connection.apiToken ?? null,
    baseUrl: connection.baseUrl,
    fetch: context.fetch,
    sleep: context.sleep,
    logger: context.logger,
    timeoutMs: context.timeoutMs,
    totalTimeoutMs: context.totalTimeoutMs,
  });
}
