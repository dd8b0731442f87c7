/** Pinning paged frames (mpager.cpp DPager::Pin/Unpin) and the replacement pages that pay for it. */
import type { Effect } from "@pagefold/engine";
import type { KernelState } from "../state.js";
import { balanceAges } from "./balance.js";
import { frameOf } from "./lists.js";
import { addAsYoungestPage, removePage } from "./live-list.js";
import {
  removeExcessPages,
  returnPageToSystem,
  stealOrAllocPage,
  tryGrowLiveList,
} from "./steal-or-alloc.js";
import { PagedState } from "./state.js";

/** mmu.h TPinArgs: the replacement pages a pinning operation holds. */
export interface PinArgs {
  replacementPages: number;
}

/**
 * mpager.cpp DPager::AllocPinReplacementPages: take `pages` of the cache's free pages, growing the
 * cache from RAM as needed; on failure shrink back to the maximum (RemoveExcessPages).
 */
export function allocPinReplacementPages(state: KernelState, pages: number, effects: Effect[]): boolean {
  const pager = state.pager;
  do {
    if (pager.numberOfFreePages >= pages) {
      pager.numberOfFreePages -= pages;
      return true;
    }
  } while (tryGrowLiveList(state));
  removeExcessPages(state, effects);
  return false;
}

/**
 * mpager.cpp DPager::FreePinReplacementPages (TPinArgs::FreeReplacementPages): the pages become
 * free pages again; at the maximum size the oldest page is stolen and returned to RAM instead
 * (AllowAddFreePages).
 */
export function freePinReplacementPages(state: KernelState, args: PinArgs, effects: Effect[]): void {
  const pager = state.pager;
  let pages = args.replacementPages;
  args.replacementPages = 0;
  while (pages > 0) {
    const room = pager.maximumPageCount - (pager.minimumPageCount + pager.numberOfFreePages);
    if (room === 0) {
      const pfn = stealOrAllocPage(state, false, effects);
      pager.numberOfFreePages++;
      pages--;
      returnPageToSystem(state, pfn);
      effects.push({ kind: "returned-to-ram", pfn });
    } else {
      const added = Math.min(pages, room);
      pager.numberOfFreePages += added;
      pages -= added;
    }
  }
}

/**
 * mpager.cpp DPager::Pin: the first pin takes the frame off its list (an EUnpaged frame, a page
 * table's info page or a fresh page-in, is simply marked) and uses one replacement page; later
 * pins only count.
 */
export function pinFrame(state: KernelState, pfn: number, args: PinArgs, effects: Effect[]): void {
  const pager = state.pager;
  const frame = frameOf(pager, pfn);
  frame.pinCount++;
  if (frame.state === PagedState.Pinned) return;
  removePage(pager, pfn);
  frame.state = PagedState.Pinned;
  args.replacementPages--;
  balanceAges(state, effects);
}

/** mpager.cpp DPager::Unpin: the last unpin puts the frame back as the youngest page. */
export function unpinFrame(state: KernelState, pfn: number, args: PinArgs, effects: Effect[]): void {
  const frame = frameOf(state.pager, pfn);
  if (frame.state !== PagedState.Pinned || frame.pinCount === 0)
    throw new Error(`Unpin: frame ${pfn} is not pinned`);
  if (--frame.pinCount > 0) return;
  frame.state = PagedState.Unpaged;
  args.replacementPages++;
  addAsYoungestPage(state, pfn);
  balanceAges(state, effects);
}
