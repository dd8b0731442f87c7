import type { Effect } from "@pagefold/engine";
import type { KernelState } from "../state.js";
import { geometry } from "../pagetables/geometry.js";
import { sparseGet } from "../pagetables/sparse.js";
import { NIL } from "../pagetables/state.js";
import { balanceAges } from "./balance.js";
import { frameOf } from "./lists.js";
import { addAsYoungestPage, removePage } from "./live-list.js";
import { touchPage } from "./policy.js";
import { PagedState } from "./state.js";

/**
 * mpager.cpp DPager::PagedIn (and the list half of TryRejuvenate): a page on the live list moves
 * to the young end, an EUnpaged one is added there, each followed by BalanceAges; a pinned page
 * stays where it is. The comparison policies record a use instead of re-inserting.
 */
export function pagedIn(state: KernelState, pfn: number, effects: Effect[]): void {
  if (moveToYoungest(state, pfn)) balanceAges(state, effects);
}

/** RemovePage + AddAsYoungestPage without the BalanceAges; false for a pinned frame (no move). */
export function moveToYoungest(state: KernelState, pfn: number): boolean {
  const frame = frameOf(state.pager, pfn);
  if (frame.state === PagedState.Pinned) return false;
  if (state.config.pager.policy !== "live-list" && frame.state !== PagedState.Unpaged) {
    touchPage(state, pfn);
    return false;
  }
  removePage(state.pager, pfn);
  addAsYoungestPage(state, pfn);
  return true;
}

/**
 * mpager.cpp DPager::RejuvenatePageTable, after a page is mapped or rejuvenated through `pt`: the
 * page of paged page tables holding it is used too, so it is paged in (an EUnpaged page-table page
 * joins the live list here, its first time) or made youngest. Unpaged tables are not paged.
 */
export function rejuvenatePageTable(state: KernelState, pt: number, effects: Effect[]): void {
  if (pt === NIL) return;
  const pts = state.pagetables;
  if (sparseGet(pts.infos, pt)?.paged !== true) return;
  const pfn = sparseGet(pts.ptPages, Math.floor(pt / geometry(state).clusterSize));
  if (pfn !== undefined) pagedIn(state, pfn, effects);
}
