import type { Effect } from "@pagefold/engine";
import type { KernelState } from "../state.js";
import { geometry, is2010 } from "./geometry.js";
import { infoOf } from "./links.js";
import { commitPtMemory } from "./memory-alloc.js";
import { decommitPtMemory } from "./memory-free.js";
import { ptPageAlloc, ptPageFree, randomPagedPtPage } from "./page-allocator.js";
import { KernelPanic } from "./panic.js";
import { sparseGet, sparseSet } from "./sparse.js";
import { NIL } from "./state.js";
import { stealPtPage } from "./steal.js";
import { allocPage, subAlloc, subAllocator } from "./sub-allocator.js";

/** A bound on the 2010 random-stealing loop (all candidates pinned would spin): a model guard. */
const MAX_RANDOM_STEALS = 1 << 16;

/**
 * mptalloc.cpp PageTableAllocator::AllocReserve: one more page of tables for a sub-allocator. A
 * page index from TPtPageAllocator (revision 2010: when the paged region is full, steal random
 * paged PT pages until one is freed, then retry, which must succeed), its memory, its group's
 * info page when the group count is 0, then TSubAllocator::AllocPage. False for out of memory.
 */
export function allocReserve(state: KernelState, paged: boolean, effects: Effect[]): boolean {
  const pts = state.pagetables;
  let ptPage = ptPageAlloc(state, paged);
  if (ptPage < 0) {
    if (!paged || !is2010(state)) return false;
    let r: string;
    let tries = 0;
    do {
      if (++tries > MAX_RANDOM_STEALS) throw new KernelPanic("model guard: no paged PT page could be stolen");
      const victim = randomPagedPtPage(state);
      effects.push({ kind: "pt-random-steal", ptPage: victim });
      r = stealPtPage(state, victim, effects);
    } while (r !== "KErrCompletion");
    ptPage = ptPageAlloc(state, paged);
    if (ptPage < 0) throw new KernelPanic("mptalloc.cpp AllocReserve: __NK_ASSERT_DEBUG(ptPageIndex >= 0)");
  }
  if (!commitPtMemory(state, ptPage, false, paged, effects)) {
    ptPageFree(state, ptPage, paged);
    return false;
  }
  const g = geometry(state);
  const group = Math.floor(ptPage / g.groupSize);
  const count = sparseGet(pts.groupCounts, group) ?? 0;
  if (count === 0 && !commitPtMemory(state, group, true, paged, effects)) {
    decommitPtMemory(state, ptPage, false, paged);
    ptPageFree(state, ptPage, paged);
    return false;
  }
  sparseSet(pts.groupCounts, group, count + 1);
  allocPage(state, paged, ptPage * g.clusterSize);
  effects.push({ kind: "pt-page-allocated", ptPage, paged, ...(count === 0 ? { infoPage: group } : {}) });
  return true;
}

/**
 * mptalloc.cpp PageTableAllocator::DoAlloc: keep more free tables than the reserve (AllocReserve),
 * then TSubAllocator::Alloc and SPageTableInfo::Init; the fine mapping that asked then owns it
 * (SetFine). NIL for out of memory. (The debug build's simulated OOM is not modelled.)
 */
export function doAlloc(state: KernelState, paged: boolean, effects: Effect[]): number {
  const pts = state.pagetables;
  const sub = subAllocator(pts, paged);
  while (sub.freeCount <= sub.reserveCount) if (!allocReserve(state, paged, effects)) return NIL;
  const pt = subAlloc(state, sub);
  const info = infoOf(pts, pt);
  info.used = true;
  info.pageCount = 0;
  info.permanence = 0;
  pts.inUse++;
  return pt;
}
