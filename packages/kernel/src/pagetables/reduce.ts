/** The pt.* ops (EVENTS.md), each a PageTableAllocator entry point of mptalloc.cpp. */
import { err, ok, PANIC, type Effect } from "@pagefold/engine";
import { KErrArgument, KErrCompletion, KErrInUse, KErrNoMemory } from "../codes.js";
import type { KernelState } from "../state.js";
import { removePage } from "../pager/live-list.js";
import { unmapTable } from "../pager/mappings.js";
import { pagingOp } from "../pager/op.js";
import { PagedState } from "../pager/state.js";
import { doAlloc } from "./alloc.js";
import type {
  PtAllocEvent,
  PtFreeEvent,
  PtMoveEvent,
  PtPinEvent,
  PtStealEvent,
  PtUnpinEvent,
} from "./events.js";
import { freePageTable } from "./free.js";
import { cleanup } from "./free-reserve.js";
import { movePtPage } from "./move.js";
import { pinPageTable, unpinPageTable } from "./pin.js";
import { sparseGet } from "./sparse.js";
import { NIL } from "./state.js";
import { stealPageTableInfo, stealPtPage } from "./steal.js";

/** `pt.alloc {paged}`: PageTableAllocator::Alloc; KErrNoMemory when no page of tables can be had. */
export const reducePtAlloc = pagingOp<PtAllocEvent>((state, event, effects) => {
  const pt = doAlloc(state, event.paged, effects);
  if (pt === NIL) {
    const pts = state.pagetables;
    const where = `LWM ${pts.lowerWaterMark}, UWM ${pts.upperWaterMark}`;
    return err(KErrNoMemory, `no ${event.paged ? "paged" : "unpaged"} page table (${where})`, effects);
  }
  return ok({ pt }, effects);
});

/** `pt.free {pt}`: the mapping clears the table's PTEs, then PageTableAllocator::Free. */
export const reducePtFree = pagingOp<PtFreeEvent>((state, event, effects) => {
  const info = sparseGet(state.pagetables.infos, event.pt);
  if (info === undefined || !info.used) return err(KErrArgument, `page table ${event.pt} is not allocated`);
  if (info.permanence > 0)
    return err(PANIC, "mptalloc.cpp TSubAllocator::Free: __NK_ASSERT_DEBUG(!pti->PermanenceCount())");
  if (info.pins > 0) return err(KErrInUse, `page table ${event.pt} is pinned (pt.unpin first)`);
  const pages = unmapTable(state, event.pt);
  if (pages > 0) effects.push({ kind: "unmapped", pt: event.pt, pages });
  freePageTable(state, event.pt, effects);
  return ok(undefined, effects);
});

export const reducePtPin = pagingOp<PtPinEvent>((state, event, effects) =>
  pinPageTable(state, event.pt, effects),
);
export const reducePtUnpin = pagingOp<PtUnpinEvent>((state, event, effects) =>
  unpinPageTable(state, event.pt, effects),
);

/**
 * `pt.steal {ptPage, info?}`: DPager::StealPage on a paged page of page tables (or of infos):
 * RemovePage, then DPageTableMemoryManager::StealPage → PageTableAllocator::StealPage or
 * StealPageTableInfo. KErrCompletion is the success answer; a pinned page answers KErrInUse.
 */
export const reducePtSteal = pagingOp<PtStealEvent>((state, event, effects) => {
  const pts = state.pagetables;
  const info = event.info === true;
  const what = info ? `info page ${event.ptPage}` : `page-table page ${event.ptPage}`;
  const pfn = sparseGet(info ? pts.infoPages : pts.ptPages, event.ptPage);
  const frame = pfn === undefined ? undefined : sparseGet(state.pager.frames, pfn);
  if (pfn === undefined || frame === undefined)
    return err(KErrArgument, `${what} is not a committed paged page`);
  if (frame.state === PagedState.Pinned) return err(KErrInUse, `${what} is pinned`);
  removePage(state.pager, pfn);
  const r = info
    ? stealPageTableInfo(state, event.ptPage, effects)
    : stealPtPage(state, event.ptPage, effects);
  if (r === "KErrInUse") return err(KErrInUse, `a page-table page of ${what} is pinned`, effects);
  state.pager.counters.steals++;
  return err(
    KErrCompletion,
    `${what} stolen: its tables are freed and it is a free page of the live list`,
    effects,
  );
});

/** `pt.move {ptPage, info?}`: PageTableAllocator::MovePage. */
export const reducePtMove = pagingOp<PtMoveEvent>((state, event, effects) =>
  movePtPage(state, event.ptPage, event.info === true, effects),
);

/** `pt.cleanup`: PageTableAllocator::Cleanup now (what `tick` does when one is queued). */
export const reducePtCleanup = pagingOp<unknown>((state, _event, effects) => {
  cleanup(state, effects);
  const pagesFreed = effects.filter((e) => e.kind === "pt-page-freed").length;
  return ok({ pagesFreed }, effects);
});

/** The deferred Cleanup queued by DoFree runs when time passes (Subsystem.tick). */
export function pagetablesTick(state: KernelState): readonly Effect[] {
  const effects: Effect[] = [];
  if (state.pagetables.booted && state.pagetables.cleanupQueued) cleanup(state, effects);
  return effects;
}
