/** The page.pin, page.unpin and page.clean ops. */
import { err, ok } from "@pagefold/engine";
import { KErrArgument, KErrNoMemory } from "../codes.js";
import { sparseDelete, sparseGet, sparseSet } from "../pagetables/sparse.js";
import { NIL } from "../pagetables/state.js";
import type { PageCleanEvent, PagePinEvent, PageUnpinEvent } from "./events.js";
import { addHead, frameOf, setClean, unlink } from "./lists.js";
import { makeReadOnly } from "./mappings.js";
import { pagingOp } from "./op.js";
import {
  allocPinReplacementPages,
  freePinReplacementPages,
  pinFrame,
  unpinFrame,
  type PinArgs,
} from "./pin.js";
import { pageInAllocPage } from "./steal-or-alloc.js";
import { FrameUse, PagedState } from "./state.js";

/**
 * `page.pin {page}`: a pinning mapping (DMemoryMappingBase::Attach with TPinArgs): one replacement
 * page (AllocReplacementPages, KErrNoMemory when the cache cannot grow), the page paged in if
 * absent (DPagedMemoryManager::Pin → PagedInPinned, no PTE), DPager::Pin, then the unused
 * replacement pages freed (FreeReplacementPages).
 */
export const reducePagePin = pagingOp<PagePinEvent>((state, event, effects) => {
  const pager = state.pager;
  const key = event.page;
  const resident = sparseGet(pager.pages, key);
  const pinned = sparseGet(pager.pins, key);
  if (pinned !== undefined && resident?.pfn !== pinned)
    return err(KErrArgument, `page ${key} still has a pinned frame from before it was decommitted`);
  if (!allocPinReplacementPages(state, 1, effects))
    return err(KErrNoMemory, "no replacement page to pin with", effects);
  const args: PinArgs = { replacementPages: 1 };
  let pfn = resident?.pfn ?? NIL;
  if (pfn === NIL) {
    pfn = pageInAllocPage(state, effects);
    const frame = frameOf(pager, pfn);
    frame.use = FrameUse.Content;
    frame.owner = key;
    sparseSet(pager.pages, key, { pfn, pteHead: NIL });
    pager.counters.hardFaults++;
  }
  pinFrame(state, pfn, args, effects);
  sparseSet(pager.pins, key, pfn);
  freePinReplacementPages(state, args, effects);
  return ok({ pfn }, effects);
});

/** `page.unpin {page}`: DPager::Unpin of its pinned frame (even if decommitted since), then FreeReplacementPages. */
export const reducePageUnpin = pagingOp<PageUnpinEvent>((state, event, effects) => {
  const pager = state.pager;
  const pfn = sparseGet(pager.pins, event.page);
  if (pfn === undefined) return err(KErrArgument, `page ${event.page} is not pinned`);
  const args: PinArgs = { replacementPages: 0 };
  unpinFrame(state, pfn, args, effects);
  if (frameOf(pager, pfn).pinCount === 0) sparseDelete(pager.pins, event.page);
  freePinReplacementPages(state, args, effects);
  return ok({ pfn }, effects);
});

/**
 * `page.clean {page}`: the cleaner writes a dirty page out (DDataPagedMemoryManager::CleanPages):
 * read-only and clean; an oldest dirty page moves to the head of oldestClean (CleanSomePages).
 */
export const reducePageClean = pagingOp<PageCleanEvent>((state, event, effects) => {
  const pager = state.pager;
  const page = sparseGet(pager.pages, event.page);
  if (page === undefined) return err(KErrArgument, `page ${event.page} is not resident`);
  const frame = frameOf(pager, page.pfn);
  if (!frame.dirty) return err(KErrArgument, `page ${event.page} is clean`);
  makeReadOnly(state, event.page);
  setClean(pager, frame);
  if (frame.state === PagedState.OldestDirty) {
    unlink(pager, pager.oldestDirty, page.pfn);
    addHead(pager, pager.oldestClean, page.pfn);
    frame.state = PagedState.OldestClean;
  }
  effects.push({ kind: "cleaned", page: event.page, pfn: page.pfn });
  return ok(undefined, effects);
});
