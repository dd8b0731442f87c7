import type { Effect } from "@pagefold/engine";
import type { KernelState } from "../state.js";
import { PagedState } from "../pager/state.js";
import { sparseGet } from "./sparse.js";
import { geometry } from "./geometry.js";
import { infoOf } from "./links.js";
import { isCleanupRequired, subAllocator, subFree } from "./sub-allocator.js";

/** Whether the page of page tables `ptPage` is pinned (only paged ones can be: EPagedPinned). */
export function isPtPagePinned(state: KernelState, ptPage: number): boolean {
  const pfn = sparseGet(state.pagetables.ptPages, ptPage);
  if (pfn === undefined) return false;
  return sparseGet(state.pager.frames, pfn)?.state === PagedState.Pinned;
}

/**
 * mptalloc.cpp PageTableAllocator::Free → DoFree: TSubAllocator::Free, then, when the
 * sub-allocator holds surplus whole pages (IsCleanupRequired), queue the deferred Cleanup
 * (iCleanup.Add(CleanupTrampoline)), which `tick` or `pt.cleanup` runs.
 * The caller has checked the table is allocated with permanence 0 and unpinned.
 */
export function freePageTable(state: KernelState, pt: number, effects: Effect[]): void {
  const pts = state.pagetables;
  const info = infoOf(pts, pt);
  const sub = subAllocator(pts, info.paged);
  const ptPage = Math.floor(pt / geometry(state).clusterSize);
  const toCleanup = subFree(state, sub, pt, isPtPagePinned(state, ptPage));
  pts.inUse--;
  if (toCleanup) effects.push({ kind: "pt-page-to-cleanup", ptPage, paged: info.paged });
  if (isCleanupRequired(state, sub) && !pts.cleanupQueued) {
    pts.cleanupQueued = true;
    effects.push({ kind: "cleanup-queued" });
  }
}
