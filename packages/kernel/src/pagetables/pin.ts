import { err, ok, type Effect, type Outcome } from "@pagefold/engine";
import { KErrArgument, KErrNoMemory } from "../codes.js";
import type { KernelState } from "../state.js";
import { frameOf } from "../pager/lists.js";
import {
  allocPinReplacementPages,
  freePinReplacementPages,
  pinFrame,
  unpinFrame,
  type PinArgs,
} from "../pager/pin.js";
import { geometry, is2010 } from "./geometry.js";
import { atPinnedPagedPtsLimit } from "./page-allocator.js";
import { sparseGet } from "./sparse.js";

/** The frames of a paged table's PT page and info page, or an error outcome. */
function pinnedFrames(state: KernelState, pt: number): { ptPfn: number; infoPfn: number } | Outcome {
  const pts = state.pagetables;
  const info = sparseGet(pts.infos, pt);
  if (info === undefined || !info.used) return err(KErrArgument, `page table ${pt} is not allocated`);
  if (!info.paged) return err(KErrArgument, `page table ${pt} is unpaged: only paged page tables are pinned`);
  const g = geometry(state);
  const ptPage = Math.floor(pt / g.clusterSize);
  return {
    ptPfn: sparseGet(pts.ptPages, ptPage)!,
    infoPfn: sparseGet(pts.infoPages, Math.floor(ptPage / g.groupSize))!,
  };
}

/**
 * `pt.pin`: the pinning mapping's TPinArgs::AllocReplacementPages(KNumPagesToPinOnePageTable), then
 * mptalloc.cpp PageTableAllocator::PinPageTable: revision 2010 first counts a newly pinned PT page
 * (PtPagePinCountInc, KErrNoMemory at AtPinnedPagedPtsLimit); pin the PT page, then its info page;
 * finally FreeReplacementPages returns the replacement pages not used.
 */
export function pinPageTable(state: KernelState, pt: number, effects: Effect[]): Outcome {
  const frames = pinnedFrames(state, pt);
  if ("ok" in frames) return frames;
  const pts = state.pagetables;
  const args: PinArgs = { replacementPages: 0 };
  const needed = geometry(state).pagesToPinOnePageTable;
  if (!allocPinReplacementPages(state, needed, effects))
    return err(KErrNoMemory, "no replacement pages to pin a page table", effects);
  args.replacementPages = needed;
  if (is2010(state) && frameOf(state.pager, frames.ptPfn).pinCount === 0) {
    if (atPinnedPagedPtsLimit(state, pts.upperWaterMark, pts.lowerWaterMark, pts.pinnedPtPages + 1)) {
      freePinReplacementPages(state, args, effects);
      return err(
        KErrNoMemory,
        "AtPinnedPagedPtsLimit: too few unpinned paged page-table pages would be left",
        effects,
      );
    }
    pts.pinnedPtPages++;
  }
  pinFrame(state, frames.ptPfn, args, effects);
  pinFrame(state, frames.infoPfn, args, effects);
  sparseGet(pts.infos, pt)!.pins++;
  freePinReplacementPages(state, args, effects);
  return ok(undefined, effects);
}

/**
 * `pt.unpin`: mptalloc.cpp PageTableAllocator::UnpinPageTable: unpin the info page, then the PT
 * page (revision 2010: PtPagePinCountDec when its pin count reaches 0); the replacement pages
 * the unpins released are freed (TPinArgs::FreeReplacementPages).
 */
export function unpinPageTable(state: KernelState, pt: number, effects: Effect[]): Outcome {
  const frames = pinnedFrames(state, pt);
  if ("ok" in frames) return frames;
  const info = sparseGet(state.pagetables.infos, pt)!;
  if (info.pins === 0) return err(KErrArgument, `page table ${pt} is not pinned`);
  const args: PinArgs = { replacementPages: 0 };
  unpinFrame(state, frames.infoPfn, args, effects);
  unpinFrame(state, frames.ptPfn, args, effects);
  if (is2010(state) && frameOf(state.pager, frames.ptPfn).pinCount === 0) state.pagetables.pinnedPtPages--;
  info.pins--;
  freePinReplacementPages(state, args, effects);
  return ok(undefined, effects);
}
