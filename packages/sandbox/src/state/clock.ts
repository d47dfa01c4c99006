import type { SandboxState } from './types.js';

/** The time source the sandbox runs on: epoch milliseconds. Inject a fixed one for deterministic tests. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/** A clock that stands still at `iso`; only the control plane's "advance" moves sandbox time forward. */
export function fixedClock(iso: string | Date): Clock {
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) throw new TypeError(`fixedClock: expected an ISO date-time, got ${String(iso)}`);
  return () => at;
}

/** Sandbox "now": the injected clock plus however far the control plane has advanced it. */
export function sandboxNow(clock: Clock, state: SandboxState): number {
  return clock() + state.clockOffsetMs;
}

export const toIso = (ms: number) => new Date(ms).toISOString();

export const isPast = (iso: string | null, now: number) => iso !== null && Date.parse(iso) <= now;
