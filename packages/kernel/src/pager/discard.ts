import type { Effect } from "@pagefold/engine";
import type { KernelState } from "../state.js";
import { NIL } from "../pagetables/state.js";
import { balanceAges } from "./balance.js";
import { addAsFreePage, removePage } from "./live-list.js";
import { stealPage } from "./steal.js";
import { getPageFromSystem, returnPageToSystem } from "./steal-or-alloc.js";

/**
 * mpager.cpp DPager::DiscardPage for an unpinned frame (the RAM defragmenter's way of "moving" a
 * paged page): make sure the cache keeps its minimum (a new frame from RAM when there are no free
 * pages, else KErrNoMemory), steal the frame from its owner (a page-table page answers
 * KErrCompletion and is taken back off the free list) and give it to RAM.
 */
export function discardPage(
  state: KernelState,
  pfn: number,
  effects: Effect[],
): "KErrNone" | "KErrNoMemory" | "KErrInUse" {
  const pager = state.pager;
  let newPage = NIL;
  if (pager.numberOfFreePages === 0) {
    newPage = getPageFromSystem(state);
    if (newPage === NIL) return "KErrNoMemory";
  }
  let r = stealPage(state, pfn, effects);
  if (r === "KErrCompletion") {
    removePage(pager, pfn); // a page table freed into the live list as a free page
    r = "KErrNone";
  }
  if (r === "KErrNone" && pager.numberOfFreePages === 0) {
    if (newPage !== NIL) {
      addAsFreePage(pager, newPage);
      newPage = NIL;
    } else {
      addAsFreePage(pager, pfn);
      balanceAges(state, effects);
      r = "KErrInUse";
    }
  }
  if (r === "KErrNone") {
    returnPageToSystem(state, pfn);
    effects.push({ kind: "discarded", pfn });
    balanceAges(state, effects);
  }
  if (newPage !== NIL) {
    if (pager.numberOfFreePages === 0) addAsFreePage(pager, newPage);
    else returnPageToSystem(state, newPage);
  }
  return r;
}
