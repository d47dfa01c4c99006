/** The middle value (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export interface Variant {
  name: string;
  run: () => Promise<unknown>;
}

export interface Throughput {
  name: string;
  /** Median of the rounds. */
  opsPerSec: number;
  samples: number[];
}

export interface ThroughputOptions {
  warmupMs: number;
  sampleMs: number;
  rounds: number;
}

/** Calls `run` back to back for at least `durationMs` and returns the calls per second. */
async function callsPerSecond(run: () => Promise<unknown>, durationMs: number): Promise<number> {
  const batch = 10;
  const started = performance.now();
  let calls = 0;
  let elapsed = 0;
  do {
    for (let i = 0; i < batch; i++) await run();
    calls += batch;
    elapsed = performance.now() - started;
  } while (elapsed < durationMs);
  return calls / (elapsed / 1000);
}

/**
 * Throughput of each variant. The variants take turns round by round, so a slow patch of the machine (another
 * process, a GC-heavy moment) lands on all of them instead of skewing one; the median drops the outliers.
 */
export async function compareThroughput(
  variants: readonly Variant[],
  options: ThroughputOptions,
): Promise<Throughput[]> {
  for (const variant of variants) await callsPerSecond(variant.run, options.warmupMs);
  const samples = variants.map(() => [] as number[]);
  for (let round = 0; round < options.rounds; round++) {
    for (const [index, variant] of variants.entries()) {
      samples[index]?.push(await callsPerSecond(variant.run, options.sampleMs));
    }
  }
  return variants.map((variant, index) => {
    const own = samples[index] ?? [];
    return { name: variant.name, opsPerSec: median(own), samples: own };
  });
}
