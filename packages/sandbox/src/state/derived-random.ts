/**
 * Randomness derived from the sandbox seed and a key (e.g. a job id), for simulated behaviour that must be the same
 * whenever it is computed: which AI trainers apply to a job and when, what they bid, how they reply. Unlike the
 * shared stream in random.ts it never advances `state.rng`, so computing a plan has no side effects.
 */
export interface DerivedRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** `count` distinct items in a seeded order. */
  sample<T>(items: readonly T[], count: number): T[];
  /** Lower-case letters and digits, for stable ids. */
  token(length: number): string;
}

export function derivedRandom(seed: number, key: string): DerivedRandom {
  let position = fnv1a(`${seed}:${key}`);
  const next = () => {
    // mulberry32, the same generator as the shared stream.
    position = (position + 0x6d2b79f5) >>> 0;
    let t = position;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new Error('derivedRandom.pick: empty list');
    return item;
  };
  const sample = <T>(items: readonly T[], count: number): T[] => {
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length > 0) {
      const [item] = pool.splice(Math.floor(next() * pool.length), 1);
      if (item !== undefined) chosen.push(item);
    }
    return chosen;
  };
  const token = (length: number) => {
    let out = '';
    for (let i = 0; i < length; i++) out += TOKEN_ALPHABET[Math.floor(next() * TOKEN_ALPHABET.length)];
    return out;
  };
  return { next, int, pick, sample, token };
}

const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** 32-bit FNV-1a: spreads a text key over the generator's starting positions. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
