import { toIso } from './clock.js';
import type { JobListingEventType, JobRecord, JobStatus } from './records/jobs.js';
import type { SandboxState } from './types.js';

/**
 * The read side of jobs: the account's own list, and the public marketplace (search, facets, changes) over the open
 * jobs of every account. Lists are newest first and paged with opaque cursors that name the last item's sort key,
 * so a page boundary stays put while jobs are added or change status.
 */

export const DEFAULT_PAGE_SIZE = 25;
/** At most this many changes per `GET /jobs/changes` answer. */
export const MAX_CHANGES = 5000;

export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function accountJobs(
  state: SandboxState,
  accountId: string,
  options: { status?: JobStatus; limit?: number; cursor?: string },
): Page<JobRecord> {
  const jobs = Object.values(state.jobs).filter(
    (job) => job.accountId === accountId && (options.status === undefined || job.status === options.status),
  );
  return paginate('mine', jobs, (job) => [job.sequence], options.limit, options.cursor);
}

export interface SearchFilters {
  q?: string;
  language?: string;
  country?: string;
  payType?: string;
  limit?: number;
  cursor?: string;
}

/** Open jobs matching every filter, most recently published first. */
export function searchOpenJobs(state: SandboxState, filters: SearchFilters): Page<JobRecord> {
  const terms = (filters.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const language = filters.language?.trim().toLowerCase();
  const country = filters.country?.trim().toUpperCase();
  const jobs = openJobs(state).filter((job) => {
    const text = `${job.title ?? ''}\n${job.fields.jobDescription ?? ''}`.toLowerCase();
    if (!terms.every((term) => text.includes(term))) return false;
    if (language && !(job.fields.languages ?? []).some((name) => name.toLowerCase() === language)) return false;
    if (country && !(job.fields.countries ?? []).includes(country)) return false;
    return filters.payType === undefined || job.fields.paymentType === filters.payType;
  });
  const sortKey = (job: JobRecord) => [Date.parse(job.publishedAt ?? job.createdAt), job.sequence];
  return paginate('search', jobs, sortKey, filters.limit, filters.cursor);
}

export const openJobs = (state: SandboxState) => Object.values(state.jobs).filter((job) => job.status === 'OPEN');

export interface FacetCount {
  value: string;
  count: number;
}

/** Counts of the open jobs by a facet, highest first (ties alphabetically). */
export function facetCounts(jobs: JobRecord[], valuesOf: (job: JobRecord) => string[]): FacetCount[] {
  const counts = new Map<string, number>();
  for (const job of jobs) {
    for (const value of new Set(valuesOf(job))) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

export interface ListingChange {
  jobId: string;
  eventType: JobListingEventType;
  occurredAt: string;
}

/**
 * The latest listing change per job at or after `since`, oldest first. When more than `MAX_CHANGES` jobs changed,
 * the window ends at the last change returned, so sending `until` as the next `since` continues without a gap.
 */
export function listingChangesSince(state: SandboxState, since: number, now: number) {
  const latest: ListingChange[] = [];
  for (const job of Object.values(state.jobs)) {
    const inWindow = job.listingChanges.filter((change) => {
      const at = Date.parse(change.occurredAt);
      return at >= since && at <= now;
    });
    const last = inWindow[inWindow.length - 1];
    if (last) latest.push({ jobId: job.id, ...last });
  }
  latest.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  const changes = latest.slice(0, MAX_CHANGES);
  const lastReturned = changes[changes.length - 1];
  const until = latest.length > MAX_CHANGES && lastReturned ? lastReturned.occurredAt : toIso(Math.max(now, since));
  return { changes, until };
}

// Cursors -------------------------------------------------------------------------------------------------------

/** Sorts newest first by `sortKey` (compared element by element) and returns the page after `cursor`. */
function paginate<T>(
  list: string,
  items: T[],
  sortKey: (item: T) => number[],
  limit = DEFAULT_PAGE_SIZE,
  cursor?: string,
): Page<T> {
  const keyed = items.map((item) => ({ item, key: sortKey(item) })).sort((a, b) => compareKeys(b.key, a.key));
  const after = cursor === undefined ? undefined : decodeCursor(list, cursor);
  const rest = after ? keyed.filter((entry) => compareKeys(entry.key, after) < 0) : keyed;
  const page = rest.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((entry) => entry.item),
    nextCursor: rest.length > limit && last ? encodeCursor(list, last.key) : null,
  };
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function encodeCursor(list: string, key: number[]): string {
  return btoa(`${list}:${key.join(':')}`)
    .replace(/=+$/, '')
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

function decodeCursor(list: string, cursor: string): number[] {
  let text: string;
  try {
    text = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    throw new InvalidCursorError('cursor is not one this list handed out; pass nextCursor from the previous page.');
  }
  const [prefix, ...parts] = text.split(':');
  const key = parts.map(Number);
  if (prefix !== list || key.length === 0 || key.some((part) => !Number.isFinite(part))) {
    throw new InvalidCursorError('cursor is not one this list handed out; pass nextCursor from the previous page.');
  }
  return key;
}
