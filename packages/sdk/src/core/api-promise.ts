/** A successful call with everything around its data. */
export interface WithResponse<T> {
  data: T;
  /** The raw response; its body has already been read into `data`. */
  response: Response;
  /** From the `x-request-id` header, when the server sent one. */
  requestId: string | undefined;
}

/**
 * What every operation returns: await it for the data, or call `withResponse()` for the raw `Response` and request
 * id too. The request starts when the promise is created, not when it is awaited; a `Paginator` (an APIPromise of
 * its first page) passes a function instead, so its first page is fetched only once it is awaited or iterated.
 */
export class APIPromise<T> implements PromiseLike<T> {
  #result: Promise<WithResponse<T>> | (() => Promise<WithResponse<T>>);

  constructor(result: Promise<WithResponse<T>> | (() => Promise<WithResponse<T>>)) {
    this.#result = result;
  }

  withResponse(): Promise<WithResponse<T>> {
    if (typeof this.#result === 'function') this.#result = this.#result();
    return this.#result;
  }

  // biome-ignore lint/suspicious/noThenProperty: this object is deliberately awaitable, like a Promise.
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.withResponse()
      .then((result) => result.data)
      .then(onFulfilled, onRejected);
  }

  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onFinally);
  }

  get [Symbol.toStringTag](): string {
    return 'APIPromise';
  }
}
