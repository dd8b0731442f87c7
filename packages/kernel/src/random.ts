import type { KernelState } from "./state.js";

/**
 * The kernel's own pseudo-random numbers, kept in state so replays repeat them: Symbian's LCG
 * (`seed = seed * 69069 + 1` mod 2^32, as in mptalloc.cpp's random paged-PT stealing and the
 * e32tests' ThrashPaging). Returns the new 32-bit value.
 */
export function nextRandom(state: KernelState): number {
  state.rng = (Math.imul(state.rng, 69069) + 1) >>> 0;
  return state.rng;
}
