import { authOf } from '../http/gates.js';
import type { RouteFamily } from '../http/router.js';
import { inputOf } from '../http/validation.js';
import {
  type ConversationFilter,
  deliverDueReplies,
  listConversations,
  messageView,
  ownConversation,
  readConversation,
  sendEmployerMessage,
} from '../state/conversations.js';

const DEFAULT_PAGE = 20;

/** `GET /messages` (list threads or read one) and `POST /messages`; the simulated trainers reply through `tick`. */
export const messageRoutes: RouteFamily = {
  name: 'messages',
  register(router) {
    router.operation(
      {
        operationId: 'listMessages',
        method: 'GET',
        path: '/api/public/v1/messages',
        auth: { scopes: ['messages:read'] },
      },
      (c) => {
        const { state } = c.var.sandbox;
        const { account } = authOf(c);
        const query = inputOf(c).query;
        const limit = (query.limit as number | undefined) ?? DEFAULT_PAGE;
        const cursor = query.cursor as string | undefined;
        if (typeof query.conversationId === 'string') {
          const conversation = ownConversation(state, account.id, query.conversationId);
          const direction = (query.direction as 'older' | 'newer' | undefined) ?? 'older';
          return c.json(readConversation(state, conversation, { direction, limit, cursor }));
        }
        return c.json(
          listConversations(state, account.id, {
            filter: (query.filter as ConversationFilter | undefined) ?? 'all',
            // The query accepts `true` and `1`.
            unreadOnly: query.unreadOnly === true || query.unreadOnly === '1',
            limit,
            cursor,
          }),
        );
      },
    );

    router.operation(
      {
        operationId: 'sendMessage',
        method: 'POST',
        path: '/api/public/v1/messages',
        auth: { scopes: ['messages:write'], feature: 'public_api_messaging_writes', claimAction: 'send messages' },
      },
      (c) => {
        const runtime = c.var.sandbox;
        const { account } = authOf(c);
        const body = inputOf(c).body as { conversationId: string; content: string };
        const conversation = ownConversation(runtime.state, account.id, body.conversationId);
        const message = sendEmployerMessage(
          runtime.state,
          conversation,
          { content: body.content, senderUserId: account.ownerUserId },
          runtime.now(),
        );
        return c.json({ ok: true, message: messageView(conversation, message) }, 201);
      },
    );
  },

  tick: deliverDueReplies,
};
