/** How the pager finds a frame, and how the cache grows and shrinks against RAM (mpager.cpp). */
import type { Effect } from "@pagefold/engine";
import type { KernelState } from "../state.js";
import { KernelPanic } from "../pagetables/panic.js";
import { NIL } from "../pagetables/state.js";
import { balanceAges } from "./balance.js";
import { frameOf } from "./lists.js";
import { addAsFreePage } from "./live-list.js";
import { policyVictim } from "./policy.js";
import { stealPage } from "./steal.js";
import { allocPagerFrame, releasePagerFrame } from "./system.js";
import { FrameUse } from "./state.js";

/** A bound on StealOrAllocPage restarts (each one frees a page-table page): a model guard. */
const MAX_RESTARTS = 1 << 20;

/** mpager.cpp DPager::GetPageFromSystem: a new frame from RAM, counted as a free page. */
export function getPageFromSystem(state: KernelState): number {
  const pfn = allocPagerFrame(state);
  if (pfn !== NIL) state.pager.numberOfFreePages++;
  return pfn;
}

/** mpager.cpp DPager::ReturnPageToSystem: an EUnpaged frame back to RAM, one free page fewer. */
export function returnPageToSystem(state: KernelState, pfn: number): void {
  state.pager.numberOfFreePages--;
  releasePagerFrame(state, pfn);
}

/**
 * mpager.cpp DPager::StealOrAllocPage: a frame for new use, in this order:
 * (1) a free (EUnused) frame at the tail of oldestClean; (2) a new frame from RAM if allowed and
 * min + free < max; (3) the oldest clean page; (5) the oldest dirty, else old, else young page
 * (or the comparison policy's victim). A steal answering KErrCompletion (a page-table page became
 * a free frame) restarts; a successful steal is followed by BalanceAges. Step (4), cleaning
 * several dirty pages at once, needs iPagesToClean > 1 (a paging device's preferred write size),
 * which the model does not have. Returns an EUnpaged, EUnused frame.
 */
export function stealOrAllocPage(state: KernelState, allowAlloc: boolean, effects: Effect[]): number {
  const pager = state.pager;
  for (let restarts = 0; restarts < MAX_RESTARTS; restarts++) {
    let victim = NIL;
    if (pager.oldestClean.count > 0 && frameOf(pager, pager.oldestClean.tail).use === FrameUse.Unused)
      victim = pager.oldestClean.tail;
    if (
      victim === NIL &&
      allowAlloc &&
      pager.minimumPageCount + pager.numberOfFreePages < pager.maximumPageCount
    ) {
      const pfn = getPageFromSystem(state);
      if (pfn !== NIL) return pfn;
    }
    if (victim === NIL && pager.oldestClean.count > 0) victim = pager.oldestClean.tail;
    if (victim === NIL) victim = policyVictim(state);
    if (victim === NIL)
      throw new KernelPanic("mpager.cpp DPager::StealOrAllocPage: __NK_ASSERT_ALWAYS(!iYoungList.IsEmpty())");
    if (stealPage(state, victim, effects) !== "KErrNone") continue;
    balanceAges(state, effects);
    return victim;
  }
  throw new KernelPanic(`model guard: StealOrAllocPage restarted ${MAX_RESTARTS} times`);
}

/** mpager.cpp DPager::PageInAllocPage: a frame for a page-in (page content or a paged page table). */
export function pageInAllocPage(state: KernelState, effects: Effect[]): number {
  return stealOrAllocPage(state, true, effects);
}

/** mpager.cpp DPager::TryGrowLiveList: one more free page from RAM, if RAM has one. */
export function tryGrowLiveList(state: KernelState): boolean {
  const pfn = getPageFromSystem(state);
  if (pfn === NIL) return false;
  addAsFreePage(state.pager, pfn);
  return true;
}

/** mpager.cpp DPager::TryReturnOldestPageToSystem: steal the oldest page and give it to RAM. */
export function tryReturnOldestPageToSystem(state: KernelState, effects: Effect[]): boolean {
  const pfn = stealOrAllocPage(state, false, effects);
  if (state.pager.numberOfFreePages > 0) {
    returnPageToSystem(state, pfn);
    effects.push({ kind: "returned-to-ram", pfn });
    return true;
  }
  addAsFreePage(state.pager, pfn);
  return false;
}

/** mpager.cpp DPager::GetFreePages: give `pages` pages back to RAM if the cache has that many spare. */
export function getFreePages(state: KernelState, pages: number, effects: Effect[]): boolean {
  let left = pages;
  while (left > 0 && state.pager.numberOfFreePages >= left) {
    if (tryReturnOldestPageToSystem(state, effects)) left--;
  }
  return left === 0;
}

/** mpager.cpp DPager::RemoveExcessPages: shrink while min + free > max. */
export function removeExcessPages(state: KernelState, effects: Effect[]): void {
  const pager = state.pager;
  while (pager.minimumPageCount + pager.numberOfFreePages > pager.maximumPageCount)
    tryReturnOldestPageToSystem(state, effects);
}
