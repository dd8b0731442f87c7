/**
 * The SDblQues of page tables: a sub-allocator's iFreeList and iCleanupList, linked through each
 * SPageTableInfo's FreeLink (PageTableInfo.prev/next by page-table index).
 */
import { sparseGet } from "./sparse.js";
import { NIL, type PageTableInfo, type PageTablesState, type SubAllocator } from "./state.js";

export type QueueName = "free" | "cleanup";

/** The SPageTableInfo of an allocated cluster; a missing one is a bug in the model. */
export function infoOf(pts: PageTablesState, pt: number): PageTableInfo {
  const info = sparseGet(pts.infos, pt);
  if (info === undefined) throw new Error(`pagetables: page table ${pt} has no SPageTableInfo`);
  return info;
}

function head(sub: SubAllocator, queue: QueueName): number {
  return queue === "free" ? sub.freeHead : sub.cleanupHead;
}
function tail(sub: SubAllocator, queue: QueueName): number {
  return queue === "free" ? sub.freeTail : sub.cleanupTail;
}
function setHead(sub: SubAllocator, queue: QueueName, pt: number): void {
  if (queue === "free") sub.freeHead = pt;
  else sub.cleanupHead = pt;
}
function setTail(sub: SubAllocator, queue: QueueName, pt: number): void {
  if (queue === "free") sub.freeTail = pt;
  else sub.cleanupTail = pt;
}

/** SDblQue::Add: at the tail. */
export function queueAdd(pts: PageTablesState, sub: SubAllocator, queue: QueueName, pt: number): void {
  const info = infoOf(pts, pt);
  const last = tail(sub, queue);
  info.prev = last;
  info.next = NIL;
  if (last === NIL) setHead(sub, queue, pt);
  else infoOf(pts, last).next = pt;
  setTail(sub, queue, pt);
}

/** SDblQueLink::InsertAfter(aPrev); `after` NIL means after the list anchor (at the head). */
export function queueInsertAfter(
  pts: PageTablesState,
  sub: SubAllocator,
  queue: QueueName,
  pt: number,
  after: number,
): void {
  const info = infoOf(pts, pt);
  const next = after === NIL ? head(sub, queue) : infoOf(pts, after).next;
  info.prev = after;
  info.next = next;
  if (after === NIL) setHead(sub, queue, pt);
  else infoOf(pts, after).next = pt;
  if (next === NIL) setTail(sub, queue, pt);
  else infoOf(pts, next).prev = pt;
}

/** SDblQueLink::InsertBefore(aNext). */
export function queueInsertBefore(
  pts: PageTablesState,
  sub: SubAllocator,
  queue: QueueName,
  pt: number,
  before: number,
): void {
  queueInsertAfter(pts, sub, queue, pt, infoOf(pts, before).prev);
}

/** Unlinks the run of linked tables `first`..`last` (one table when they are equal). */
export function queueCut(
  pts: PageTablesState,
  sub: SubAllocator,
  queue: QueueName,
  first: number,
  last: number,
): void {
  const prev = infoOf(pts, first).prev;
  const next = infoOf(pts, last).next;
  if (prev === NIL) setHead(sub, queue, next);
  else infoOf(pts, prev).next = next;
  if (next === NIL) setTail(sub, queue, prev);
  else infoOf(pts, next).prev = prev;
  infoOf(pts, first).prev = NIL;
  infoOf(pts, last).next = NIL;
}

/** The tables of a queue from head to tail (for invariants and views). */
export function queueItems(
  pts: PageTablesState,
  sub: SubAllocator,
  queue: QueueName,
  limit: number,
): number[] {
  const out: number[] = [];
  for (let pt = head(sub, queue); pt !== NIL && out.length <= limit;) {
    out.push(pt);
    const info = sparseGet(pts.infos, pt);
    pt = info === undefined ? NIL : info.next;
  }
  return out;
}
