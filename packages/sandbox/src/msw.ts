import { type HttpHandler, HttpResponse, http } from 'msw';
import type { Sandbox } from './app.js';
import { ConnectionDroppedError } from './faults.js';

/**
 * msw handlers that send intercepted requests to the sandbox in process: `setupServer(...sandboxHandlers(sb))`.
 * With `origin`, only requests to that origin are answered; otherwise every request is.
 */
export function sandboxHandlers(sandbox: Pick<Sandbox, 'fetch'>, options: { origin?: string } = {}): HttpHandler[] {
  const pattern = options.origin ? `${options.origin.replace(/\/+$/, '')}/*` : '*';
  return [
    http.all(pattern, async ({ request }) => {
      try {
        return await sandbox.fetch(request);
      } catch (error) {
        // A dropped connection reaches the client as a network error, exactly like a real one.
        if (error instanceof ConnectionDroppedError) return HttpResponse.error();
        throw error;
      }
    }),
  ];
}
