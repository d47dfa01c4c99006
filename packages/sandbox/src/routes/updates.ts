import { badRequest } from '../http/errors.js';
import { authOf } from '../http/gates.js';
import type { RouteFamily } from '../http/router.js';
import { inputOf } from '../http/validation.js';
import { FEED_SCOPES, updatesPage } from '../state/updates.js';

/** `GET /updates`: the account's delta feed, filtered to the event types the token may read. */
export const updateRoutes: RouteFamily = {
  name: 'updates',
  register(router) {
    router.operation(
      {
        operationId: 'pollUpdates',
        method: 'GET',
        path: '/api/public/v1/updates',
        auth: { scopes: [], anyOfScopes: FEED_SCOPES },
      },
      (c) => {
        const { token, account } = authOf(c);
        const query = inputOf(c).query as { cursor?: string; limit: number };
        if (query.cursor !== undefined && !/^[0-9]+$/.test(query.cursor)) {
          throw badRequest('cursor must be the nextCursor of an earlier poll, an event id such as "1043".', {
            field: 'cursor',
          });
        }
        const page = updatesPage(c.var.sandbox.state, {
          accountId: account.id,
          scopes: token.scopes,
          cursor: query.cursor,
          limit: query.limit,
        });
        return c.json(page);
      },
    );
  },
};
