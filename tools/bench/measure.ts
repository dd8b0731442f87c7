/** Small timing helpers for the benchmark (wall clock; the machine is shared, so take the best of N). */

export interface Timing {
  readonly ms: number;
  readonly events: number;
}

/** Runs `fn` `runs` times and keeps the fastest. */
export function best(runs: number, fn: () => Timing): Timing {
  let fastest: Timing | undefined;
  for (let i = 0; i < runs; i++) {
    const t = fn();
    if (fastest === undefined || t.ms < fastest.ms) fastest = t;
  }
  return fastest as Timing;
}

export function timed(events: number, fn: () => void): Timing {
  const start = performance.now();
  fn();
  return { ms: performance.now() - start, events };
}

export function perSecond(t: Timing): number {
  return t.ms <= 0 ? Infinity : (t.events / t.ms) * 1000;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[at] as number;
}

/** A deterministic PRNG for choosing seek targets (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
