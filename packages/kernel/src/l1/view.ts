import { sparseEach, sparseSize } from "../sparse-table.js";
import { ramCounters } from "../ram/index.js";
import type { KernelState } from "../state.js";
import type { L1Counters } from "./state.js";

export interface L1View {
  readonly revision: string;
  readonly pmaps: number;
  readonly tables: number;
  readonly staticQueue: number;
  readonly reuseQueue: number;
  /** pmap_create calls asleep, by where they sleep, and in all. */
  readonly sleeping: { readonly poll: number; readonly hoard: number; readonly lock: number };
  readonly sleepers: number;
  /** Pages marked by the aggressive allocator right now. */
  readonly hoarded: number;
  /** The largest naturally aligned free block of frames (an L1 needs 4). */
  readonly largestAlignedFreeRun: number;
  readonly freePages: number;
  readonly counters: L1Counters;
}

/** L1 tables for diffs, predicates and `seek`: counters by path, sleepers, the aligned free run. */
export function l1View(state: KernelState): L1View {
  const l1 = state.l1;
  const sleeping = { poll: 0, hoard: 0, lock: 0 };
  sparseEach(l1.sleepers, (_id, s) => void sleeping[s.phase]++);
  const ram = ramCounters(state.ram);
  return {
    revision: state.config.revisions.l1,
    pmaps: sparseSize(l1.pmaps),
    tables: sparseSize(l1.tables),
    staticQueue: l1.staticQueue.length,
    reuseQueue: l1.reuseQueue.length,
    sleeping,
    sleepers: sleeping.poll + sleeping.hoard + sleeping.lock,
    hoarded: l1.hoarded,
    largestAlignedFreeRun: ram.largestFreeOrder < 0 ? 0 : 2 ** ram.largestFreeOrder,
    freePages: ram.freePages,
    counters: { ...l1.counters },
  };
}
