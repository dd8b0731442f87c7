/** DPager's assertions (KERNEL-SOURCES.md §1.7), as named invariants. */
import type { Invariant } from "@pagefold/engine";
import { guardedInvariant } from "../pagetables/guard.js";
import type { KernelState } from "../state.js";
import { sparseForEach, sparseGet } from "../pagetables/sparse.js";
import { NIL } from "../pagetables/state.js";
import { ptes, states } from "./invariants-states.js";
import { PagedState, type LiveList } from "./state.js";

const LISTS = ["young", "old", "oldestClean", "oldestDirty"] as const;
const STATE_OF = {
  young: PagedState.Young,
  old: PagedState.Old,
  oldestClean: PagedState.OldestClean,
  oldestDirty: PagedState.OldestDirty,
};

const lists = guardedInvariant(
  "pager.lists",
  "DPager::CheckLists: each list's length equals its count, links agree both ways, every frame on a list is in that list's state",
  (state) => {
    const pager = state.pager;
    const out: string[] = [];
    for (const name of LISTS) {
      const list: LiveList = pager[name];
      let length = 0;
      let prev = NIL;
      for (
        let pfn = list.head;
        pfn !== NIL && length <= list.count;
        pfn = sparseGet(pager.frames, pfn)?.next ?? NIL
      ) {
        const frame = sparseGet(pager.frames, pfn);
        if (frame === undefined || frame.prev !== prev) {
          out.push(`${name} list is broken at frame ${pfn}`);
          break;
        }
        if (frame.state !== STATE_OF[name])
          out.push(`frame ${pfn} on the ${name} list is in state ${frame.state}`);
        length++;
        prev = pfn;
      }
      if (length !== list.count || prev !== list.tail)
        out.push(`${name} list: ${length} frames walked, count ${list.count}`);
    }
    return out;
  },
);

const sizes = guardedInvariant(
  "pager.sizes",
  "min + free ≤ max, min ≥ limit + reserve, free ≥ 0; min + free + pinned frames = frames owned",
  (state) => {
    const p = state.pager;
    if (!p.booted) return p.frames.size === 0 ? [] : ["frames owned before InitCache"];
    const out: string[] = [];
    if (p.minimumPageCount + p.numberOfFreePages > p.maximumPageCount)
      out.push(`min ${p.minimumPageCount} + free ${p.numberOfFreePages} > max ${p.maximumPageCount}`);
    if (p.minimumPageCount < p.minimumPageLimit + p.reservePageCount)
      out.push(`min ${p.minimumPageCount} < limit ${p.minimumPageLimit} + reserve ${p.reservePageCount}`);
    if (p.numberOfFreePages < 0) out.push(`free pages ${p.numberOfFreePages} < 0`);
    let pinned = 0;
    sparseForEach(p.frames, (_pfn, frame) => {
      if (frame.state === PagedState.Pinned) pinned++;
    });
    if (p.minimumPageCount + p.numberOfFreePages + pinned !== p.frames.size)
      out.push(
        `min ${p.minimumPageCount} + free ${p.numberOfFreePages} + pinned ${pinned} ≠ ${p.frames.size} frames owned`,
      );
    return out;
  },
);

export const pagerInvariants: readonly Invariant<KernelState>[] = [lists, sizes, states, ptes];
