/** The page.* and pager.* ops (EVENTS.md), each a kernel entry point of mpager.cpp. */
import { err, ok, type Effect } from "@pagefold/engine";
import { KErrArgument, KErrNotFound } from "../codes.js";
import { sparseDelete, sparseGet } from "../pagetables/sparse.js";
import { NIL } from "../pagetables/state.js";
import { accessPage, rejuvenate } from "./access.js";
import type { PageAccessEvent, PageFreeEvent, PageRejuvenateEvent, PagerResizeEvent } from "./events.js";
import { flushAll } from "./flush.js";
import { pageFreed } from "./free.js";
import { frameOf } from "./lists.js";
import { addAsFreePage } from "./live-list.js";
import { unmapPage } from "./mappings.js";
import { pagingOp } from "./op.js";
import { resizeLiveList } from "./resize.js";
import { stealOrAllocPage } from "./steal-or-alloc.js";
import { PagedState } from "./state.js";
import { releasePagerFrame } from "./system.js";

/** `page.access {page, write?, pt?}`: a hit, a soft fault (rejuvenate, remap) or a page-in. */
export const reducePageAccess = pagingOp<PageAccessEvent>((state, event, effects) => {
  const pt = event.pt ?? NIL;
  if (pt !== NIL) {
    const info = sparseGet(state.pagetables.infos, pt);
    if (info === undefined || !info.used) return err(KErrArgument, `page table ${pt} is not allocated`);
    if (!info.paged)
      return err(KErrArgument, `page table ${pt} is unpaged; paged content uses paged page tables`);
  }
  return ok(accessPage(state, event.page, event.write === true, pt, effects), effects);
});

/** `page.rejuvenate {page}`: DPager::TryRejuvenate through the page's latest PTE. */
export const reducePageRejuvenate = pagingOp<PageRejuvenateEvent>((state, event, effects) => {
  const pager = state.pager;
  const page = sparseGet(pager.pages, event.page);
  if (page === undefined) return err(KErrArgument, `page ${event.page} is not resident`);
  const frame = frameOf(pager, page.pfn);
  const aged = [PagedState.Old, PagedState.OldestClean, PagedState.OldestDirty] as number[];
  if (!aged.includes(frame.state)) return err(KErrArgument, `page ${event.page} is not old or oldest`);
  if (page.pteHead === NIL)
    return err(KErrArgument, `page ${event.page} is not mapped (page.access maps it)`);
  const pt = sparseGet(pager.ptes, page.pteHead)!.pt;
  rejuvenate(state, page, pt, page.pteHead, false, effects);
  return ok({ pfn: page.pfn }, effects);
});

/** `page.steal`: DPager::StealOrAllocPage(EFalse), the frame kept as a free page (AddAsFreePage). */
export const reducePageSteal = pagingOp<unknown>((state, _event, effects) => {
  const pager = state.pager;
  if (pager.young.count + pager.old.count + pager.oldestClean.count + pager.oldestDirty.count === 0)
    return err(KErrNotFound, "the live list is empty");
  const before = effects.length;
  const pfn = stealOrAllocPage(state, false, effects);
  addAsFreePage(pager, pfn);
  return ok({ pfn, ...victimOf(effects.slice(before)) }, effects);
});

/** What a steal took, from its effects: a content page, a page-table page, or a free frame. */
function victimOf(effects: readonly Effect[]): Record<string, number> {
  const content = effects.find((e) => e.kind === "steal");
  if (content !== undefined) return { page: content["page"] as number };
  const table = effects.find((e) => e.kind === "pt-page-freed");
  return table === undefined ? {} : { ptPage: table["ptPage"] as number };
}

/**
 * `page.free {page}`: the owner decommits a resident page: its PTEs go (tables left empty are
 * freed), then Mmu::FreeRam → DPager::PageFreed keeps or returns the frame.
 */
export const reducePageFree = pagingOp<PageFreeEvent>((state, event, effects) => {
  const pager = state.pager;
  const page = sparseGet(pager.pages, event.page);
  if (page === undefined) return err(KErrArgument, `page ${event.page} is not resident`);
  unmapPage(state, page, effects);
  sparseDelete(pager.pages, event.page);
  const answer = pageFreed(state, page.pfn);
  if (answer === "KErrCompletion") releasePagerFrame(state, page.pfn);
  const to =
    answer === "KErrCompletion"
      ? "ram"
      : frameOf(pager, page.pfn).state === PagedState.Pinned
        ? "pinned"
        : "cache";
  effects.push({ kind: "freed", page: event.page, pfn: page.pfn, to });
  return ok(undefined, effects);
});

/** `pager.resize {minPages, maxPages}`: DPager::ResizeLiveList. */
export const reducePagerResize = pagingOp<PagerResizeEvent>((state, event, effects) =>
  resizeLiveList(state, event.minPages, event.maxPages, effects),
);

/** `pager.flush`: DPager::FlushAll. */
export const reducePagerFlush = pagingOp<unknown>((state, _event, effects) => {
  flushAll(state, effects);
  return ok(undefined, effects);
});
