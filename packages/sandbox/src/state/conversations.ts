import type { PublicComponents } from '@opentrain-ai/sdk/types';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.js';
import { jobTitleOf } from './applications.js';
import { toIso } from './clock.js';
import { policyViolation } from './content-policy.js';
import { derivedRandom } from './derived-random.js';
import { appendEvent } from './events.js';
import { newId, nextSequence } from './random.js';
import type { ConversationRecord, MessageRecord, ProposalRecord } from './records/hiring.js';
import { findTrainer } from './trainers.js';
import type { SandboxState } from './types.js';

type Schemas = PublicComponents['schemas'];

/**
 * Conversations between an employer and an AI trainer: the pre-hire thread of a proposal (opened only by the
 * employer, and the trainer writes only after the employer's first message) and the post-hire job thread a
 * confirmed hire opens. The simulated trainer answers every employer message a few minutes later.
 */

const MINUTE_MS = 60 * 1000;

/** Get-or-create: one pre-hire thread per proposal. */
export function proposalConversation(
  state: SandboxState,
  proposal: ProposalRecord,
  now: number,
): { conversation: ConversationRecord; created: boolean } {
  const existing = Object.values(state.conversations).find(
    (conversation) => conversation.kind === 'proposal' && conversation.proposalId === proposal.id,
  );
  if (existing) return { conversation: existing, created: false };
  if (!state.jobs[proposal.jobId] || !findTrainer(state, proposal.freelancerId)) {
    throw conflict('This proposal is not ready for messaging yet.', {
      reason: 'proposal_not_ready_for_messaging',
      proposalId: proposal.id,
    });
  }
  const conversation = newConversation(state, {
    kind: 'proposal',
    accountId: proposal.accountId,
    freelancerId: proposal.freelancerId,
    proposalId: proposal.id,
    jobId: proposal.jobId,
    contractId: null,
    now,
  });
  return { conversation, created: true };
}

/** The post-hire thread of a contract. */
export function openJobConversation(
  state: SandboxState,
  input: { accountId: string; freelancerId: string; proposalId: string; jobId: string; contractId: string },
  now: number,
): ConversationRecord {
  return newConversation(state, { kind: 'job', ...input, now });
}

function newConversation(
  state: SandboxState,
  input: Pick<ConversationRecord, 'kind' | 'accountId' | 'freelancerId' | 'proposalId' | 'jobId' | 'contractId'> & {
    now: number;
  },
): ConversationRecord {
  const { now, ...fields } = input;
  const conversation: ConversationRecord = {
    id: newId(state, 'cnv'),
    ...fields,
    blockedAt: null,
    employerReadSequence: 0,
    replyDueAt: null,
    createdAt: toIso(now),
    updatedAt: toIso(now),
  };
  state.conversations[conversation.id] = conversation;
  return conversation;
}

/** A conversation the account takes part in: 404 when there is none, 403 when it is someone else's. */
export function ownConversation(state: SandboxState, accountId: string, conversationId: string): ConversationRecord {
  const conversation = state.conversations[conversationId];
  if (!conversation) throw notFound('conversations', 'conversationId', conversationId);
  if (conversation.accountId !== accountId) {
    throw forbidden('You are not a participant in this conversation.', { conversationId });
  }
  return conversation;
}

/** A job thread goes read-only when its contract ends. */
export function isReadOnly(state: SandboxState, conversation: ConversationRecord): boolean {
  return conversation.kind === 'job' && state.contracts[conversation.contractId ?? '']?.status === 'ended';
}

// ---------------------------------------------------------------------------------------------------------------
// Sending, and the trainer's replies

export function sendEmployerMessage(
  state: SandboxState,
  conversation: ConversationRecord,
  input: { content: string; senderUserId: string },
  now: number,
): MessageRecord {
  if (conversation.blockedAt) {
    throw conflict('Messaging is blocked in this conversation.', { reason: 'message_blocked' });
  }
  if (isReadOnly(state, conversation)) {
    throw conflict('This conversation is read-only: its contract has ended.', { reason: 'read_only_conversation' });
  }
  const policy = policyViolation(input.content);
  if (policy) {
    throw forbidden(
      policy === 'contact_info'
        ? 'This message was blocked by the content policy: keep contact details off the platform.'
        : 'This message was blocked by the content policy: payments must go through OpenTrain.',
      { reason: 'message_policy_blocked', policy },
    );
  }
  const message = addMessage(state, conversation, 'employer', input.senderUserId, input.content, now);
  conversation.employerReadSequence = message.sequence;
  if (!conversation.replyDueAt) {
    const random = derivedRandom(state.seed, `reply:${conversation.id}:${message.sequence}`);
    conversation.replyDueAt = toIso(now + random.int(2, 6) * MINUTE_MS);
  }
  return message;
}

/** The messages family's tick: each trainer whose reply is due answers, at the time it was due. */
export function deliverDueReplies(state: SandboxState, now: number): void {
  for (const conversation of Object.values(state.conversations)) {
    if (!conversation.replyDueAt) continue;
    const due = Date.parse(conversation.replyDueAt);
    if (due > now) continue;
    conversation.replyDueAt = null;
    if (conversation.blockedAt || isReadOnly(state, conversation)) continue;
    const message = addMessage(
      state,
      conversation,
      'freelancer',
      conversation.freelancerId,
      trainerReply(state, conversation),
      due,
    );
    appendEvent(
      state,
      {
        accountId: conversation.accountId,
        type: 'message.received',
        resourceId: message.id,
        jobId: conversation.jobId,
        data: { conversationId: conversation.id, messageId: message.id },
      },
      due,
    );
  }
}

function addMessage(
  state: SandboxState,
  conversation: ConversationRecord,
  sender: MessageRecord['sender'],
  senderUserId: string,
  content: string,
  at: number,
): MessageRecord {
  const message: MessageRecord = {
    id: newId(state, 'msg'),
    conversationId: conversation.id,
    sequence: nextSequence(state, 'message', 1),
    sender,
    senderUserId,
    content,
    createdAt: toIso(at),
  };
  state.messages[message.id] = message;
  conversation.updatedAt = message.createdAt;
  return message;
}

const PRE_HIRE_REPLIES = [
  (title: string) =>
    `Hi, thanks for getting in touch about "${title}". I have read the brief and I am available. Are there labeling guidelines or a sample batch I could look at first?`,
  () => 'Thanks, that is clear. I can do a small paid test batch first if you would like to check my quality.',
  () => 'Sounds good. I will keep all questions in this thread so the answers stay with the project.',
];
const JOB_REPLIES = [
  (title: string) =>
    `Thank you for hiring me for "${title}"! I am starting on the first milestone and will post progress here.`,
  () => 'Got it, I will follow that. I will flag anything unclear before labeling at volume.',
  () => 'Update: the current batch is going well; I will mark the milestone complete when it is done.',
];

/** The trainer's next answer: a scripted line for the thread's kind, cycling through the script. */
function trainerReply(state: SandboxState, conversation: ConversationRecord): string {
  const script = conversation.kind === 'job' ? JOB_REPLIES : PRE_HIRE_REPLIES;
  const replied = threadMessages(state, conversation.id).filter((message) => message.sender === 'freelancer').length;
  const job = conversation.jobId ? state.jobs[conversation.jobId] : undefined;
  const line = script[replied % script.length] ?? script[0];
  return line ? line(job ? jobTitleOf(job) : 'this job') : 'Thanks for your message.';
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

/** A thread's messages, oldest first. */
export function threadMessages(state: SandboxState, conversationId: string): MessageRecord[] {
  return Object.values(state.messages)
    .filter((message) => message.conversationId === conversationId)
    .sort((a, b) => a.sequence - b.sequence);
}

const isUnread = (conversation: ConversationRecord, message: MessageRecord) =>
  message.sender === 'freelancer' && message.sequence > conversation.employerReadSequence;

export type ConversationFilter = 'all' | 'job' | 'proposal';

export interface ConversationListQuery {
  filter: ConversationFilter;
  unreadOnly: boolean;
  limit: number;
  cursor?: string;
}

/** List mode of `GET /messages`: the account's threads, most recently active first; `cursor` is a conversation id. */
export function listConversations(state: SandboxState, accountId: string, query: ConversationListQuery) {
  const threads = Object.values(state.conversations)
    .filter((conversation) => conversation.accountId === accountId)
    .filter((conversation) => query.filter === 'all' || conversation.kind === query.filter)
    .map((conversation) => ({ conversation, messages: threadMessages(state, conversation.id) }))
    .filter(({ conversation, messages }) => !query.unreadOnly || messages.some((m) => isUnread(conversation, m)))
    .reverse()
    .sort(
      (a, b) => b.conversation.updatedAt.localeCompare(a.conversation.updatedAt) || lastSequence(b) - lastSequence(a),
    );
  const start = startAfter(threads, (thread) => thread.conversation.id, query.cursor);
  const page = threads.slice(start, start + query.limit);
  const more = start + query.limit < threads.length;
  return {
    conversations: page.map(({ conversation, messages }) => conversationView(conversation, messages)),
    nextCursor: more ? (page.at(-1)?.conversation.id ?? null) : null,
  };
}

/** Ties on `updatedAt` go to the thread with the later message, then to the later-opened thread. */
const lastSequence = (thread: { messages: MessageRecord[] }) => thread.messages.at(-1)?.sequence ?? 0;

export interface MessageReadQuery {
  direction: 'older' | 'newer';
  limit: number;
  cursor?: string;
}

/**
 * Message mode of `GET /messages`. `older` (the default) starts at the newest message and pages back in time;
 * `newer` starts at the oldest (or just after `cursor`) and pages forward, for tailing. Each page is in the order
 * it walks, and reading it marks the trainer's messages on it as read (`hasUnreadFlag` still shows what was new).
 */
export function readConversation(state: SandboxState, conversation: ConversationRecord, query: MessageReadQuery) {
  const oldestFirst = threadMessages(state, conversation.id);
  const walk = query.direction === 'older' ? [...oldestFirst].reverse() : oldestFirst;
  const start = startAfter(walk, (message) => message.id, query.cursor);
  const page = walk.slice(start, start + query.limit);
  const more = start + query.limit < walk.length;
  const views = page.map((message) => messageView(conversation, message));
  const newestRead = Math.max(conversation.employerReadSequence, ...page.map((message) => message.sequence));
  conversation.employerReadSequence = newestRead;
  return { messages: views, nextCursor: more ? (page.at(-1)?.id ?? null) : null };
}

function startAfter<T>(items: T[], idOf: (item: T) => string, cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const at = items.findIndex((item) => idOf(item) === cursor);
  if (at < 0) throw badRequest('cursor does not belong to this listing; start again without it.', { field: 'cursor' });
  return at + 1;
}

/** Pre-hire threads carry no job id on the wire (they belong to a proposal); job threads do. */
const wireJobId = (conversation: ConversationRecord) => (conversation.kind === 'job' ? conversation.jobId : null);

export function conversationView(conversation: ConversationRecord, messages: MessageRecord[]): Schemas['Conversation'] {
  const last = messages.at(-1);
  const lastFromEmployer = messages.findLastIndex((message) => message.sender === 'employer');
  return {
    id: conversation.id,
    type: 'DIRECT_MESSAGE',
    bucket: conversation.kind,
    jobId: wireJobId(conversation),
    proposalId: conversation.proposalId,
    channelName: null,
    updatedAt: conversation.updatedAt,
    lastMessage: last
      ? {
          id: last.id,
          content: last.content,
          senderUserId: last.senderUserId,
          isFromViewer: last.sender === 'employer',
          createdAt: last.createdAt,
        }
      : null,
    unreadCount: messages.filter((message) => isUnread(conversation, message)).length,
    needsReplyCount: messages.slice(lastFromEmployer + 1).filter((message) => message.sender === 'freelancer').length,
  };
}

export function messageView(conversation: ConversationRecord, message: MessageRecord): Schemas['Message'] {
  return {
    id: message.id,
    createdAt: message.createdAt,
    updatedAt: message.createdAt,
    conversationId: conversation.id,
    jobId: wireJobId(conversation),
    senderUserId: message.senderUserId,
    isFromViewer: message.sender === 'employer',
    content: message.content,
    messageType: null,
    system: false,
    hasUnreadFlag: isUnread(conversation, message),
    attachmentCount: 0,
    hasAudio: false,
    editedAt: null,
    reactionCount: 0,
  };
}
