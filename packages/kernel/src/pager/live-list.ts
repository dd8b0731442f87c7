/**
 * Putting frames on and taking them off the live list (mpager.cpp AddAsYoungestPage, AddAsFreePage,
 * RemovePage). The comparison policies keep every content page on the young list: "lru" and
 * "fifo" add at the head, "clock" just behind its hand with the reference bit clear.
 */
import type { KernelState } from "../state.js";
import { NIL } from "../pagetables/state.js";
import { addHead, addTail, frameOf, insertBefore, listFor, unlink } from "./lists.js";
import { FrameUse, PagedState, type PagerFrame, type PagerState } from "./state.js";

/** mpager.cpp DPager::RemovePage: off its list, now EUnpaged (a pinned page never comes here). */
export function removePage(pager: PagerState, pfn: number): void {
  const frame = frameOf(pager, pfn);
  if (frame.state === PagedState.Pinned) throw new Error(`RemovePage: frame ${pfn} is pinned`);
  const list = listFor(pager, frame.state);
  if (list !== null) {
    if (pager.clockHand === pfn) pager.clockHand = frame.next !== NIL ? frame.next : list.head;
    unlink(pager, list, pfn);
    if (pager.clockHand === pfn) pager.clockHand = NIL;
  }
  frame.state = PagedState.Unpaged;
}

/** mpager.cpp DPager::AddAsYoungestPage: an EUnpaged frame becomes the youngest page. */
export function addAsYoungestPage(state: KernelState, pfn: number): void {
  const pager = state.pager;
  const frame = frameOf(pager, pfn);
  if (frame.state !== PagedState.Unpaged) throw new Error(`AddAsYoungestPage: frame ${pfn} is not unpaged`);
  frame.state = PagedState.Young;
  if (state.config.pager.policy !== "clock") return addHead(pager, pager.young, pfn);
  // The clock policy: the new page is the last the hand reaches, with its reference bit clear.
  frame.ref = 0;
  if (pager.clockHand === NIL) {
    addHead(pager, pager.young, pfn);
    pager.clockHand = pfn;
  } else insertBefore(pager, pager.young, pfn, pager.clockHand);
}

/** mmu.cpp Mmu::PageFreed: the frame no longer holds anything (SPageInfo::EUnused). */
export function markUnused(pager: PagerState, frame: PagerFrame): void {
  if (frame.dirty) pager.numberOfDirtyPages--;
  frame.use = FrameUse.Unused;
  frame.owner = NIL;
  frame.dirty = false;
}

/**
 * mpager.cpp DPager::AddAsFreePage: an EUnpaged frame, emptied by Mmu::PageFreed, goes to the tail
 * of oldestClean where StealOrAllocPage takes it first.
 */
export function addAsFreePage(pager: PagerState, pfn: number): void {
  const frame = frameOf(pager, pfn);
  if (frame.state !== PagedState.Unpaged) throw new Error(`AddAsFreePage: frame ${pfn} is not unpaged`);
  markUnused(pager, frame);
  frame.state = PagedState.OldestClean;
  addTail(pager, pager.oldestClean, pfn);
}
