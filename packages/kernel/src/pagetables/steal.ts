/** Stealing paged page-table memory back for the pager (mptalloc.cpp "Paged page table handling"). */
import type { Effect } from "@pagefold/engine";
import type { KernelState } from "../state.js";
import { unmapTable } from "../pager/mappings.js";
import { PagedState } from "../pager/state.js";
import { freePageTable, isPtPagePinned } from "./free.js";
import { freeReserve } from "./free-reserve.js";
import { geometry } from "./geometry.js";
import { infoOf } from "./links.js";
import { sparseGet } from "./sparse.js";
import { moveToCleanup } from "./sub-allocator.js";

export type PtStealAnswer = "KErrCompletion" | "KErrInUse";

/**
 * mptalloc.cpp SPageTableInfo::ForcedFree: an unused table needs nothing; a used one (a fine
 * mapping's) has its PTEs cleared, so its pages fault back in through a new table, its PDE
 * removed, and is freed with PageTableAllocator::Free.
 */
function forcedFree(state: KernelState, pt: number, effects: Effect[]): void {
  const info = infoOf(state.pagetables, pt);
  if (!info.used) return;
  const pages = unmapTable(state, pt);
  effects.push({ kind: "pt-forced-free", pt, pages });
  freePageTable(state, pt, effects);
}

/** Force-frees a page's tables, queues it for cleanup if it is not there yet, frees paged surplus. */
function discardCluster(state: KernelState, ptPage: number, effects: Effect[]): void {
  const first = ptPage * geometry(state).clusterSize;
  for (let pt = first; pt < first + geometry(state).clusterSize; pt++) forcedFree(state, pt, effects);
  // the page might not already be on the cleanup list in the case where it was previously freed
  // whilst it was pinned (a later unpin put it on the live list, from where it is now stolen)...
  if (!infoOf(state.pagetables, first).onCleanupList) moveToCleanup(state, state.pagetables.paged, first);
}

/**
 * mptalloc.cpp PageTableAllocator::StealPage for a page of paged page tables: KErrInUse if it is
 * pinned, else every table is force-freed and the paged surplus freed back to the live list as
 * free pages; the answer is KErrCompletion, never KErrNone (the pager restarts and finds the free
 * page).
 */
export function stealPtPage(state: KernelState, ptPage: number, effects: Effect[]): PtStealAnswer {
  if (isPtPagePinned(state, ptPage)) return "KErrInUse";
  discardCluster(state, ptPage, effects);
  while (freeReserve(state, true, effects)) {
    /* free the page from allocator so it ends up back in the paging pool as a free page */
  }
  return "KErrCompletion";
}

/**
 * mptalloc.cpp PageTableAllocator::StealPageTableInfo: force-free every allocated cluster the
 * group's infos describe; KErrInUse as soon as the info page or a PT page is pinned (clusters
 * already discarded stay discarded). Ends with the paged FreeReserve loop and KErrCompletion.
 */
export function stealPageTableInfo(state: KernelState, group: number, effects: Effect[]): PtStealAnswer {
  const pts = state.pagetables;
  const g = geometry(state);
  const infoPfn = sparseGet(pts.infoPages, group);
  const infoPinned =
    infoPfn !== undefined && sparseGet(state.pager.frames, infoPfn)?.state === PagedState.Pinned;
  let r: PtStealAnswer | "KErrNone" = "KErrNone";
  for (let ptPage = group * g.groupSize; ptPage < (group + 1) * g.groupSize; ptPage++) {
    if (sparseGet(pts.infos, ptPage * g.clusterSize) === undefined) continue; // cluster not allocated
    if (infoPinned || isPtPagePinned(state, ptPage)) {
      r = "KErrInUse";
      break;
    }
    discardCluster(state, ptPage, effects);
  }
  while (freeReserve(state, true, effects)) {
    /* free the pages discarded so they end up back in the paging pool as free pages */
  }
  return r === "KErrNone" ? "KErrCompletion" : r;
}
