/**
 * The RAM allocator reclaiming from the paging cache. Mmu::AllocRam, when RAM is short and the
 * caller is not the pager (no EAllocNoPagerReclaim), asks DPager::GetFreePages for the missing
 * pages and retries. The cache only ever gives back its free pages (those beyond its minimum), so
 * paging can never starve. The same path serves other subsystems' page daemon as a Reclaimer.
 */
import type { Effect } from "@pagefold/engine";
import type { KernelState } from "../state.js";
import type { Reclaimer } from "../subsystem.js";
import { allocFrames } from "../ram/allocator.js";
import type { OwnerKind } from "../ram/state.js";
import { getFreePages, tryReturnOldestPageToSystem } from "./steal-or-alloc.js";

/** mmu.cpp Mmu::AllocRam for one fixed frame: RAM, else the cache's free pages; -1 if neither. */
export function allocRam(state: KernelState, owner: OwnerKind, tag: number, effects: Effect[]): number {
  const pfn = allocFrames(state.ram, 1, 0, owner, tag, false);
  if (pfn >= 0) return pfn;
  if (!state.pager.booted || !getFreePages(state, 1, effects)) return -1;
  return allocFrames(state.ram, 1, 0, owner, tag, false);
}

/**
 * The pager as a Reclaimer: what Mmu::AllocRam would get from DPager::GetFreePages. `inactive` is
 * iNumberOfFreePages; `reclaim` returns up to that many oldest pages to RAM, one at a time.
 */
export const pagerReclaimer: Reclaimer = {
  inactive: (state) => (state.pager.booted ? state.pager.numberOfFreePages : 0),
  reclaim(state, pages, effects) {
    let freed = 0;
    while (freed < pages && state.pager.booted && state.pager.numberOfFreePages > 0) {
      if (tryReturnOldestPageToSystem(state, effects)) freed++;
    }
    return freed;
  },
};
