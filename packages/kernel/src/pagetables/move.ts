import { err, ok, type Effect, type Outcome } from "@pagefold/engine";
import { KErrArgument, KErrInUse, KErrNoMemory, KErrNotSupported } from "../codes.js";
import type { KernelState } from "../state.js";
import { discardPage } from "../pager/discard.js";
import { PagedState } from "../pager/state.js";
import { isDemandPagedPt, isDemandPagedPtInfo } from "./page-allocator.js";
import { is2010 } from "./geometry.js";
import { sparseGet } from "./sparse.js";

/**
 * mptalloc.cpp PageTableAllocator::MovePage: page-table and info pages are never moved. An
 * unpaged one answers KErrNotSupported, a pinned one KErrInUse; a paged one is discarded by the
 * pager (DPager::DiscardPage), which frees its tables. Revision 2009 asks IsDemandPaged, the info
 * page test ((index+1)·groupSize - 1 ≥ UWM), of page-table pages too; 2010 asks IsDemandPagedPt.
 */
export function movePtPage(state: KernelState, index: number, info: boolean, effects: Effect[]): Outcome {
  const pts = state.pagetables;
  const what = info ? `info page ${index}` : `page-table page ${index}`;
  const pfn = sparseGet(info ? pts.infoPages : pts.ptPages, index);
  if (pfn === undefined) return err(KErrArgument, `${what} is not committed`);
  const paged = info || !is2010(state) ? isDemandPagedPtInfo(state, index) : isDemandPagedPt(state, index);
  if (!paged) return err(KErrNotSupported, `${what} is unpaged: page-table memory is never moved`);
  const frame = sparseGet(state.pager.frames, pfn);
  if (frame === undefined)
    return err(
      "PANIC",
      `mptalloc.cpp ForcedFree: __NK_ASSERT_DEBUG(IsDemandPaged()) on unpaged ${what} (2009 IsDemandPaged)`,
    );
  if (frame.state === PagedState.Pinned) return err(KErrInUse, `${what} is pinned`);
  const r = discardPage(state, pfn, effects);
  if (r === "KErrNone") return ok({ pfn }, effects);
  return err(r === "KErrNoMemory" ? KErrNoMemory : KErrInUse, `${what} could not be discarded`, effects);
}
