import type { KernelState } from "../state.js";
import { addTail, frameOf } from "./lists.js";
import { addAsFreePage, markUnused, removePage } from "./live-list.js";
import { PagedState } from "./state.js";

/**
 * mpager.cpp DPager::PageInFreePages for one frame the pager handed out (a page-table or info page
 * being freed, or an unused page-in): off its list if on one, then back as a free page.
 */
export function pageInFreePage(state: KernelState, pfn: number): void {
  const pager = state.pager;
  const frame = frameOf(pager, pfn);
  if (frame.state === PagedState.Pinned) throw new Error(`PageInFreePages: frame ${pfn} is pinned`);
  if (frame.state !== PagedState.Unpaged) removePage(pager, pfn);
  addAsFreePage(pager, pfn);
}

/** What DPager::PageFreed answered: the owner frees the frame, or the pager keeps it. */
export type PageFreedAnswer = "KErrNone" | "KErrCompletion" | "KErrNotFound";

/**
 * mmu.cpp Mmu::FreeRam → Mmu::PageFreed + mpager.cpp DPager::PageFreed: the owner frees a paged
 * frame. Pinned: nothing now (the unpin puts it back on the live list). Otherwise off its list,
 * cleaned, then given back to RAM if the cache is above its minimum (KErrCompletion, one free page
 * fewer), else kept at the tail of oldestClean as a free page (KErrNone).
 */
export function pageFreed(state: KernelState, pfn: number): PageFreedAnswer {
  const pager = state.pager;
  const frame = frameOf(pager, pfn);
  markUnused(pager, frame);
  if (frame.state === PagedState.Unpaged) return "KErrNotFound";
  if (frame.state === PagedState.Pinned) return "KErrNone";
  removePage(pager, pfn);
  if (pager.numberOfFreePages > 0) {
    pager.numberOfFreePages--;
    frame.state = PagedState.Unpaged;
    return "KErrCompletion";
  }
  frame.state = PagedState.OldestClean;
  addTail(pager, pager.oldestClean, pfn);
  return "KErrNone";
}
