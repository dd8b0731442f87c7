import type { Effect } from "@pagefold/engine";
import type { KernelState } from "../state.js";
import { sparseGet, sparseKeys } from "../pagetables/sparse.js";
import { addAsFreePage } from "./live-list.js";
import { stealPage } from "./steal.js";
import { getFreePages } from "./steal-or-alloc.js";
import { FrameUse, PagedState } from "./state.js";

const LISTED: readonly number[] = [
  PagedState.Young,
  PagedState.Old,
  PagedState.OldestClean,
  PagedState.OldestDirty,
];

/**
 * mpager.cpp DPager::FlushAll (HAL EVMHalFlushCache): in physical address order, steal every page
 * on the live list that holds something and re-add it as a free page (page-table pages free
 * themselves and answer KErrCompletion), then shrink the cache to its minimum
 * (`while (GetFreePages(1))`). Pinned and EUnpaged frames are left alone.
 */
export function flushAll(state: KernelState, effects: Effect[]): void {
  const pager = state.pager;
  for (const pfn of sparseKeys(pager.frames)) {
    const frame = sparseGet(pager.frames, pfn);
    if (frame === undefined || !LISTED.includes(frame.state) || frame.use === FrameUse.Unused) continue;
    if (stealPage(state, pfn, effects) === "KErrNone") addAsFreePage(pager, pfn);
  }
  while (getFreePages(state, 1, effects)) {
    /* reduce live page list to a minimum */
  }
}
