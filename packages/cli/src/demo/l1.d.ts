export interface L1DemoOptions {
  readonly seed?: number;
  readonly events?: number;
  readonly ramPages?: number;
}
/** The stall: a pmap_create asleep, at least freetarg pages free, no free aligned 4-page run. */
export declare const STALL =
  "state.l1.sleepers > 0 && state.ram.freePages >= state.pdaemon.freetarg && state.l1.largestAlignedFreeRun < 4";
/**
 * Runs the comparison and tells it on `out`; returns the numbers (for --json).
 * @example l1Demo({ say: console.log })
 */
export declare function l1Demo(
  out: {
    say(line: string): void;
  },
  options?: L1DemoOptions,
): Record<string, unknown>;
