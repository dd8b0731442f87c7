import type { Effect } from "@pagefold/engine";
import type { KernelState } from "../state.js";
import { geometry } from "./geometry.js";
import { decommitPtMemory } from "./memory-free.js";
import { ptPageFree } from "./page-allocator.js";
import { sparseDelete, sparseGet, sparseSet } from "./sparse.js";
import { NIL } from "./state.js";
import { freePage, subAllocator } from "./sub-allocator.js";

/**
 * mptalloc.cpp PageTableAllocator::FreeReserve: frees the last page of the sub-allocator's cleanup
 * list if it holds surplus free tables (TSubAllocator::FreePage), its page index, its memory, and
 * its group's info page when the group count drops to 0. False when there was nothing to free.
 */
export function freeReserve(state: KernelState, paged: boolean, effects: Effect[]): boolean {
  const pts = state.pagetables;
  const first = freePage(state, subAllocator(pts, paged));
  if (first === NIL) return false;
  const g = geometry(state);
  const ptPage = first / g.clusterSize;
  ptPageFree(state, ptPage, paged);
  decommitPtMemory(state, ptPage, false, paged);
  const group = Math.floor(ptPage / g.groupSize);
  const count = (sparseGet(pts.groupCounts, group) ?? 0) - 1;
  if (count > 0) sparseSet(pts.groupCounts, group, count);
  else {
    sparseDelete(pts.groupCounts, group);
    decommitPtMemory(state, group, true, paged);
  }
  effects.push({ kind: "pt-page-freed", ptPage, paged, ...(count === 0 ? { infoPageFreed: group } : {}) });
  return true;
}

/**
 * mptalloc.cpp PageTableAllocator::Cleanup (the deferred iCleanup callback):
 * `while (FreeReserve(iPagedAllocator) || FreeReserve(iUnpagedAllocator)) {}`.
 */
export function cleanup(state: KernelState, effects: Effect[]): void {
  while (freeReserve(state, true, effects) || freeReserve(state, false, effects)) {
    /* free every surplus page */
  }
  state.pagetables.cleanupQueued = false;
}
