import type { Effect } from "@pagefold/engine";
import type { KernelState } from "../state.js";
import { NIL } from "../pagetables/state.js";
import { addHead, frameLabel, frameOf, unlink } from "./lists.js";
import { restrictPage } from "./mappings.js";
import { FrameUse, PagedState } from "./state.js";

/**
 * mpager.cpp DPager::BalanceAges, run after every insertion into the live list. At most one young
 * page ages to old and one old page to oldest per call:
 * 1. if (old + oldest) · youngOldRatio < young, young's tail goes to old's head (EEventPageAged);
 * 2. if oldest < maxOldestPages and oldest · oldOldestRatio < old, old's tail goes to the head of
 *    oldestDirty or oldestClean (oldest counted before step 1, as the code does);
 * 3. the newly old page is made inaccessible last (RestrictPage ERestrictPagesNoAccessForOldPage).
 * RestrictPage never answers KErrInUse here (no concurrent pinning), so the retry loop never runs.
 * The comparison policies have no ages: nothing happens.
 */
export function balanceAges(state: KernelState, effects: Effect[]): void {
  if (state.config.pager.policy !== "live-list") return;
  const pager = state.pager;
  const oldestCount = pager.oldestClean.count + pager.oldestDirty.count;
  let aged = NIL;
  if ((pager.old.count + oldestCount) * pager.youngOldRatio < pager.young.count) {
    aged = pager.young.tail;
    unlink(pager, pager.young, aged);
    const frame = frameOf(pager, aged);
    frame.state = PagedState.Old;
    addHead(pager, pager.old, aged);
    effects.push({ kind: "aged", to: "old", ...frameLabel(frame, aged) });
  }
  if (oldestCount < pager.maxOldestPages && oldestCount * pager.oldOldestRatio < pager.old.count) {
    const pfn = pager.old.tail;
    unlink(pager, pager.old, pfn);
    const frame = frameOf(pager, pfn);
    if (frame.dirty) {
      frame.state = PagedState.OldestDirty;
      addHead(pager, pager.oldestDirty, pfn);
      effects.push({ kind: "aged", to: "oldestDirty", ...frameLabel(frame, pfn) });
    } else {
      frame.state = PagedState.OldestClean;
      addHead(pager, pager.oldestClean, pfn);
      effects.push({ kind: "aged", to: "oldestClean", ...frameLabel(frame, pfn) });
    }
  }
  if (aged !== NIL) {
    // DPager::RestrictPage: only content pages have PTEs to restrict (page-table memory answers
    // KErrNone, an EUnused page has nothing to do).
    const frame = frameOf(pager, aged);
    if (frame.use === FrameUse.Content) restrictPage(state, frame.owner);
  }
}
