import type { Effect } from "@pagefold/engine";
import type { KernelState } from "../state.js";
import { OwnerKind } from "../ram/state.js";
import { frameOf } from "../pager/lists.js";
import { allocRam } from "../pager/reclaim.js";
import { pageInAllocPage } from "../pager/steal-or-alloc.js";
import { FrameUse } from "../pager/state.js";
import { geometry } from "./geometry.js";
import { sparseSet } from "./sparse.js";

/**
 * mptalloc.cpp DPageTableMemoryManager::Alloc: commits page `index` of iPageTableMemory (`info`
 * false: a page of page tables) or of iPageTableInfoMemory (`info` true: a group's infos). Paged
 * memory comes from the pager (PageInAllocPages, which may steal the oldest page and cannot
 * fail; EEventPagePageTableAlloc, the frame stays EUnpaged until a page-in rejuvenates it);
 * unpaged memory is a fixed RAM page (Mmu::AllocRam EPageFixed, which may reclaim free pages from
 * the cache). Returns false for KErrNoMemory.
 */
export function commitPtMemory(
  state: KernelState,
  index: number,
  info: boolean,
  paged: boolean,
  effects: Effect[],
): boolean {
  const pts = state.pagetables;
  let pfn: number;
  if (paged) {
    pfn = pageInAllocPage(state, effects);
    const frame = frameOf(state.pager, pfn);
    frame.use = info ? FrameUse.PtInfo : FrameUse.PtPage;
    frame.owner = index;
  } else {
    const tag = info ? geometry(state).maxPtPages + index : index;
    pfn = allocRam(state, OwnerKind.PageTables, tag, effects);
    if (pfn < 0) return false;
  }
  sparseSet(info ? pts.infoPages : pts.ptPages, index, pfn);
  return true;
}
