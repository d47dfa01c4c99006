import { RequestAbortedError } from './errors.js';

/** Waits `ms`, or rejects with `RequestAbortedError` as soon as `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Milliseconds since the epoch, like `Date.now`. */
export type Now = () => number;

export const systemSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new RequestAbortedError(undefined, { cause: signal.reason }));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new RequestAbortedError(undefined, { cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

// setTimeout fires at once for delays above 2^31-1 ms, so longer timeouts are treated as "no timeout".
const MAX_TIMER_MS = 2_147_483_647;

/**
 * The signal one attempt runs under: it aborts when the caller's signal aborts or when `timeoutMs` passes, and
 * remembers which of the two happened so the error can say so.
 */
export class AttemptSignal {
  readonly signal: AbortSignal;
  #timedOut = false;
  readonly #controller = new AbortController();
  readonly #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #callerSignal: AbortSignal | undefined;
  readonly #onCallerAbort = () => this.#controller.abort(this.#callerSignal?.reason);

  constructor(callerSignal: AbortSignal | undefined, timeoutMs: number) {
    this.signal = this.#controller.signal;
    this.#callerSignal = callerSignal;
    if (callerSignal?.aborted) this.#onCallerAbort();
    else callerSignal?.addEventListener('abort', this.#onCallerAbort, { once: true });
    if (timeoutMs <= MAX_TIMER_MS) {
      this.#timer = setTimeout(
        () => {
          this.#timedOut = true;
          this.#controller.abort(new DOMException('The request timed out.', 'TimeoutError'));
        },
        Math.max(0, timeoutMs),
      );
    }
  }

  get timedOut(): boolean {
    return this.#timedOut;
  }

  get abortedByCaller(): boolean {
    return !this.#timedOut && this.#callerSignal?.aborted === true;
  }

  /** Stops the timer and unhooks from the caller's signal, which may live much longer than this attempt. */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#callerSignal?.removeEventListener('abort', this.#onCallerAbort);
  }
}

/**
 * Settles with `promise`, or rejects with the signal's reason as soon as it aborts. A fetch that ignores its signal,
 * or a body stream that stalls, then still ends at the timeout.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
