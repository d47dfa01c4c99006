/** Records of the jobs family (drafts, live jobs, the marketplace). Other families read them; only jobs routes write. */

export type JobStatus = 'DRAFT' | 'OPEN' | 'ONGOING' | 'COMPLETED' | 'ARCHIVED' | 'PENDING_APPROVAL';

export interface JobRecord {
  id: string;
  accountId: string;
  status: JobStatus;
  slug: string;
  title: string | null;
  /** The plain-text description the draft was made from. */
  description: string;
  /** Draft update keys by their wire names: paymentType, pricePerHour, pricePerLabel, fixedPrice, headcount, ... */
  fields: Record<string, unknown>;
  publishedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
