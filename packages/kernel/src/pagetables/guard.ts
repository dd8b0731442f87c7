import type { Invariant } from "@pagefold/engine";
import type { KernelState } from "../state.js";

/** Problems reported per invariant at most. */
const MAX_REPORTED = 5;

/**
 * A named invariant over untrusted state (snapshots, recordings): a missing config or slice is
 * reported, and a check that trips over a malformed table reports that instead of throwing. A
 * machine halted by a panic stopped mid-operation, as the kernel would: it is not checked.
 */
export function guardedInvariant(
  name: string,
  description: string,
  check: (state: KernelState) => string[],
): Invariant<KernelState> {
  return {
    name,
    description,
    check: (state) => {
      const s = state as Partial<KernelState>;
      if (typeof s.config !== "object" || typeof s.pagetables !== "object" || typeof s.pager !== "object")
        return ["the config or the pagetables/pager slices are missing"];
      if (state.panic !== null) return [];
      try {
        return check(state).slice(0, MAX_REPORTED);
      } catch (cause) {
        return [`malformed state: ${cause instanceof Error ? cause.message : String(cause)}`];
      }
    },
  };
}
