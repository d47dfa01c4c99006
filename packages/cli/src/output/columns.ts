import { type Column, guessColumns, headingFor } from './format.js';

const col = (path: string, label = headingFor(path)): Column => ({ path, label });

// The key fields of each list, by operation (and, for `messages read`, by which list the answer holds). These are
// display choices only; `--json` shows every field. Lists without an entry get the id and their first few fields.
const PRESETS: Record<string, Column[]> = {
  listMyJobs: [col('id'), col('title'), col('status'), col('proposalCounts.total', 'PROPOSALS'), col('createdAt')],
  searchJobs: [col('id'), col('title'), col('companyName'), col('pay.paymentType', 'PAY'), col('languages')],
  listProposals: [
    col('id'),
    col('candidate.displayName', 'CANDIDATE'),
    col('status.raw', 'STATUS'),
    col('bid.amountUsd', 'BID USD'),
    col('bid.unit', 'UNIT'),
    col('metrics.matchScore', 'MATCH'),
  ],
  listContracts: [
    col('id'),
    col('title'),
    col('status'),
    col('freelancer.displayName', 'FREELANCER'),
    col('paymentType'),
    col('rateUsd'),
  ],
  'listMessages:conversations': [
    col('id'),
    col('type'),
    col('channelName', 'NAME'),
    col('unreadCount', 'UNREAD'),
    col('updatedAt'),
  ],
  'listMessages:messages': [col('id'), col('createdAt'), col('isFromViewer', 'MINE'), col('content')],
  listCreditLedger: [col('id'), col('type'), col('amountCents'), col('note'), col('createdAt')],
  pollUpdates: [col('id'), col('type'), col('resourceId'), col('createdAt')],
  listWebhooks: [col('id'), col('url'), col('status'), col('eventTypes')],
  listTokens: [col('id'), col('name'), col('status'), col('createdAt'), col('lastUsedAt')],
  listPendingPayments: [
    col('id'),
    col('status'),
    col('amountUsd'),
    col('job.title', 'JOB'),
    col('milestone.name', 'MILESTONE'),
  ],
};

export function columnsFor(operationId: string, itemsKey: string, items: readonly unknown[]): Column[] {
  return PRESETS[`${operationId}:${itemsKey}`] ?? PRESETS[operationId] ?? guessColumns(items);
}
