import type { SandboxState } from './types.js';

/**
 * A seeded PRNG (mulberry32) whose position lives in `state.rng`, so the same seed and the same sequence of
 * requests always produce the same ids, codes and secrets, even across a save and reload.
 */
export function nextRandom(state: SandboxState): number {
  state.rng = (state.rng + 0x6d2b79f5) >>> 0;
  let t = state.rng;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const DIGITS = '0123456789';

function randomFrom(state: SandboxState, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(nextRandom(state) * alphabet.length)];
  return out;
}

export const randomHex = (state: SandboxState, length: number) => randomFrom(state, HEX, length);
export const randomDigits = (state: SandboxState, length: number) => randomFrom(state, DIGITS, length);
export const randomSecret = (state: SandboxState, length: number) => randomFrom(state, ALNUM, length);

/** An opaque record id such as `tok_k3v9x2m1q8zt`. */
export function newId(state: SandboxState, prefix: string): string {
  return `${prefix}_${randomFrom(state, LOWER_ALNUM, 12)}`;
}

/** The next number in a named sequence, for ids that are ordered by nature (event ids like "1042"). */
export function nextSequence(state: SandboxState, name: string, start: number): number {
  const value = state.counters[name] ?? start;
  state.counters[name] = value + 1;
  return value;
}

/** Mixes a seed into a non-zero 32-bit PRNG starting position. */
export function rngStart(seed: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) ^ 0x85ebca6b) >>> 0;
}
