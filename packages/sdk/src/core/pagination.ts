import { APIPromise, type WithResponse } from './api-promise.js';
import { RequestValidationError, ResponseValidationError } from './errors.js';
import type { OperationRow, PaginationRule } from './operation.js';

/** One page of a cursor-paginated list. */
export interface Page<Item, Body> {
  items: Item[];
  /** Pass this as the cursor to continue later; `null` at the end. */
  nextCursor: string | null;
  hasNextPage: boolean;
  /** The page exactly as the server sent it. */
  body: Body;
  response: Response;
  requestId: string | undefined;
}

export type FetchPage<Body> = (cursor: string | undefined) => APIPromise<Body>;

const TO_ARRAY_MAX = 10_000;

/**
 * A cursor-paginated list call. Await it for the first page; `for await` over it for every item across pages;
 * `pages()` for page by page. Pages are fetched lazily, one at a time, and only the current page is held, so
 * memory stays flat however long the list is.
 */
export class Paginator<Item, Body> extends APIPromise<Body> implements AsyncIterable<Item> {
  readonly #fetchPage: FetchPage<Body>;
  readonly #operation: OperationRow;
  readonly #rule: PaginationRule;
  readonly #startCursor: string | undefined;

  constructor(operation: OperationRow, fetchPage: FetchPage<Body>, startCursor?: string) {
    if (!operation.pagination) throw new TypeError(`${operation.operationId} is not a paginated operation`);
    // Awaiting the paginator and then iterating it shares one request for the first page.
    super(() => fetchPage(startCursor).withResponse());
    this.#operation = operation;
    this.#rule = operation.pagination;
    this.#fetchPage = fetchPage;
    this.#startCursor = startCursor;
  }

  async *pages(): AsyncGenerator<Page<Item, Body>, void, undefined> {
    let cursor = this.#startCursor;
    let pending = this.withResponse();
    while (true) {
      const page = this.#toPage(await pending, cursor);
      yield page;
      if (!page.hasNextPage || page.nextCursor === null) return;
      cursor = page.nextCursor;
      pending = this.#fetchPage(cursor).withResponse();
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.pages()) yield* page.items;
  }

  /** Collects up to `limit` items (at most 10,000), fetching no more pages than needed. */
  async toArray({ limit }: { limit: number }): Promise<Item[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > TO_ARRAY_MAX) {
      throw new RequestValidationError(`${this.#operation.operationId}.toArray`, [
        { field: 'limit', expectation: `expected an integer from 1 to ${TO_ARRAY_MAX}` },
      ]);
    }
    const items: Item[] = [];
    for await (const item of this) {
      items.push(item);
      if (items.length >= limit) break;
    }
    return items;
  }

  #toPage({ data, response, requestId }: WithResponse<Body>, cursorUsed: string | undefined): Page<Item, Body> {
    const body = (data ?? {}) as Record<string, unknown>;
    const { items: itemsField, alternateItems } = this.#rule;
    const field = alternateItems !== undefined && !(itemsField in body) ? alternateItems : itemsField;
    const items = body[field];
    if (!Array.isArray(items)) {
      throw new ResponseValidationError(this.#operation.operationId, response.status, requestId, [
        { field, expectation: 'expected an array of items in the page' },
      ]);
    }
    const next = body[this.#rule.nextCursor];
    const nextCursor = typeof next === 'string' && next !== '' ? next : null;
    const serverSaysMore = this.#rule.hasMore === undefined || body[this.#rule.hasMore] === true;
    // A cursor that does not move would loop forever (the updates feed echoes it on an empty page).
    const hasNextPage = serverSaysMore && nextCursor !== null && nextCursor !== cursorUsed;
    return { items: items as Item[], nextCursor, hasNextPage, body: data, response, requestId };
  }
}
