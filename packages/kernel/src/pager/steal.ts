import type { Effect } from "@pagefold/engine";
import type { KernelState } from "../state.js";
import { stealPtPage, stealPageTableInfo } from "../pagetables/steal.js";
import { sparseDelete, sparseGet } from "../pagetables/sparse.js";
import { frameOf, setClean } from "./lists.js";
import { markUnused, removePage } from "./live-list.js";
import { makeReadOnly, unmapPage } from "./mappings.js";
import { FrameUse } from "./state.js";

/** What DPager::StealPage answered. */
export type StealAnswer = "KErrNone" | "KErrCompletion" | "KErrInUse";

/**
 * mpager.cpp DPager::StealPage: the frame leaves its list (RemovePage) and its owner gives it up
 * through its memory manager. An unused frame needs nothing. Content is unmapped, written back if
 * dirty and forgotten (DDiscardableMemoryManager::StealPage → Mmu::PageFreed): KErrNone, the
 * frame is now an EUnpaged free frame. Page-table and info pages go to PageTableAllocator, which
 * frees them into the live list as free pages and answers KErrCompletion.
 */
export function stealPage(state: KernelState, pfn: number, effects: Effect[]): StealAnswer {
  const pager = state.pager;
  const frame = frameOf(pager, pfn);
  removePage(pager, pfn);
  switch (frame.use) {
    case FrameUse.Unused:
      return "KErrNone";
    case FrameUse.Content: {
      const key = frame.owner;
      const page = sparseGet(pager.pages, key);
      if (page !== undefined) unmapPage(state, page, effects);
      const dirty = frame.dirty;
      if (dirty) {
        makeReadOnly(state, key);
        setClean(pager, frame); // DDataPagedMemoryManager::CleanPages writes it out first
      }
      sparseDelete(pager.pages, key);
      markUnused(pager, frame);
      pager.counters.steals++;
      effects.push({ kind: "steal", page: key, pfn, ...(dirty ? { written: true } : {}) });
      return "KErrNone";
    }
    case FrameUse.PtPage: {
      const r = stealPtPage(state, frame.owner, effects);
      if (r === "KErrCompletion") pager.counters.steals++;
      return r;
    }
    case FrameUse.PtInfo: {
      const r = stealPageTableInfo(state, frame.owner, effects);
      if (r === "KErrCompletion") pager.counters.steals++;
      return r;
    }
  }
}
