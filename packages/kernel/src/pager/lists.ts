/**
 * SDblQue operations on the pager's lists of frames (young, old, oldestClean, oldestDirty), linked
 * through PagerFrame.prev/next by pfn: `AddHead` puts a frame at the young end, `Add` at the old
 * end, `Last` is the oldest frame.
 */
import { sparseGet } from "../pagetables/sparse.js";
import { NIL } from "../pagetables/state.js";
import { FrameUse, PagedState, type LiveList, type PagerFrame, type PagerState } from "./state.js";

/** The record of a frame the pager owns; a missing one is a bug in the model. */
export function frameOf(pager: PagerState, pfn: number): PagerFrame {
  const frame = sparseGet(pager.frames, pfn);
  if (frame === undefined) throw new Error(`pager: frame ${pfn} is not a pager frame`);
  return frame;
}

/** The list a paged state lives on, or null for EUnpaged and EPagedPinned. */
export function listFor(pager: PagerState, state: PagedState): LiveList | null {
  switch (state) {
    case PagedState.Young:
      return pager.young;
    case PagedState.Old:
      return pager.old;
    case PagedState.OldestClean:
      return pager.oldestClean;
    case PagedState.OldestDirty:
      return pager.oldestDirty;
    default:
      return null;
  }
}

/** SDblQue::AddHead. */
export function addHead(pager: PagerState, list: LiveList, pfn: number): void {
  const frame = frameOf(pager, pfn);
  frame.prev = NIL;
  frame.next = list.head;
  if (list.head === NIL) list.tail = pfn;
  else frameOf(pager, list.head).prev = pfn;
  list.head = pfn;
  list.count++;
}

/** SDblQue::Add (at the tail, the oldest end). */
export function addTail(pager: PagerState, list: LiveList, pfn: number): void {
  const frame = frameOf(pager, pfn);
  frame.next = NIL;
  frame.prev = list.tail;
  if (list.tail === NIL) list.head = pfn;
  else frameOf(pager, list.tail).next = pfn;
  list.tail = pfn;
  list.count++;
}

/** Inserts `pfn` just before `before` (towards the head). */
export function insertBefore(pager: PagerState, list: LiveList, pfn: number, before: number): void {
  const at = frameOf(pager, before);
  if (at.prev === NIL) return addHead(pager, list, pfn);
  const frame = frameOf(pager, pfn);
  frame.prev = at.prev;
  frame.next = before;
  frameOf(pager, at.prev).next = pfn;
  at.prev = pfn;
  list.count++;
}

/** SDblQueLink::Deque. */
export function unlink(pager: PagerState, list: LiveList, pfn: number): void {
  const frame = frameOf(pager, pfn);
  if (frame.prev === NIL) list.head = frame.next;
  else frameOf(pager, frame.prev).next = frame.next;
  if (frame.next === NIL) list.tail = frame.prev;
  else frameOf(pager, frame.next).prev = frame.prev;
  frame.prev = NIL;
  frame.next = NIL;
  list.count--;
}

/** mpager.h DPager::SetWritable: the first write mapping makes the page dirty. */
export function setWritable(pager: PagerState, frame: PagerFrame): void {
  if (!frame.dirty) pager.numberOfDirtyPages++;
  frame.dirty = true;
}

/** mpager.h DPager::SetClean. */
export function setClean(pager: PagerState, frame: PagerFrame): void {
  if (frame.dirty) pager.numberOfDirtyPages--;
  frame.dirty = false;
}

/** How effects name a frame: its pfn and what it holds. */
export function frameLabel(frame: PagerFrame, pfn: number): Record<string, number> {
  switch (frame.use) {
    case FrameUse.Content:
      return { page: frame.owner, pfn };
    case FrameUse.PtPage:
      return { ptPage: frame.owner, pfn };
    case FrameUse.PtInfo:
      return { infoPage: frame.owner, pfn };
    default:
      return { pfn };
  }
}
