/** mptalloc.cpp PageTableAllocator::TSubAllocator: the free and cleanup lists of one pagedness. */
import type { KernelState } from "../state.js";
import { sparseDelete, sparseGet, sparseSet } from "./sparse.js";
import { geometry } from "./geometry.js";
import { infoOf, queueAdd, queueCut, queueInsertAfter, queueInsertBefore } from "./links.js";
import { NIL, type PageTablesState, type SubAllocator } from "./state.js";

export function subAllocator(pts: PageTablesState, paged: boolean): SubAllocator {
  return paged ? pts.paged : pts.unpaged;
}

/** mptalloc.cpp TSubAllocator::IsCleanupRequired. */
export function isCleanupRequired(state: KernelState, sub: SubAllocator): boolean {
  return sub.freeCount >= sub.reserveCount + geometry(state).clusterSize && sub.cleanupHead !== NIL;
}

/** mptalloc.cpp TSubAllocator::AllocPage: New() each info, the page starts on iCleanupList. */
export function allocPage(state: KernelState, paged: boolean, firstPt: number): void {
  const pts = state.pagetables;
  const cluster = geometry(state).clusterSize;
  for (let pt = firstPt; pt < firstPt + cluster; pt++) {
    sparseSet(pts.infos, pt, {
      used: false,
      paged,
      onCleanupList: false,
      pageCount: 0,
      permanence: 0,
      prev: NIL,
      next: NIL,
      pins: 0,
      pteHead: NIL,
    });
  }
  addToCleanupList(pts, subAllocator(pts, paged), firstPt);
  subAllocator(pts, paged).freeCount += cluster;
}

/** mptalloc.cpp TSubAllocator::Alloc: the head of iFreeList, else the first cleanup page's first table. */
export function subAlloc(state: KernelState, sub: SubAllocator): number {
  const pts = state.pagetables;
  let pt = sub.freeHead;
  if (pt !== NIL) queueCut(pts, sub, "free", pt, pt);
  else {
    pt = sub.cleanupHead;
    if (pt === NIL) throw new Error("TSubAllocator::Alloc: out of page tables");
    removeFromCleanupList(pts, sub, pt);
    // add other page tables in the page to the free list...
    for (let other = pt + 1; other < pt + geometry(state).clusterSize; other++)
      queueAdd(pts, sub, "free", other);
  }
  sub.freeCount--;
  return pt;
}

/**
 * mptalloc.cpp TSubAllocator::Free: the table goes after the previous unused table of its page,
 * else before the next one, else at the head of iFreeList, so each page's free tables stay
 * contiguous and in address order. A page with every table unused moves to iCleanupList unless it
 * is pinned (it then stays on the free list until reused or stolen).
 */
export function subFree(state: KernelState, sub: SubAllocator, pt: number, pinned: boolean): boolean {
  const pts = state.pagetables;
  const cluster = geometry(state).clusterSize;
  const first = pt - (pt % cluster);
  const last = first + cluster - 1;
  infoOf(pts, pt).used = false;
  let placed = false;
  for (let prev = pt - 1; prev >= first && !placed; prev--) {
    if (!infoOf(pts, prev).used) {
      queueInsertAfter(pts, sub, "free", pt, prev);
      placed = true;
    }
  }
  for (let next = pt + 1; next <= last && !placed; next++) {
    if (!infoOf(pts, next).used) {
      queueInsertBefore(pts, sub, "free", pt, next);
      placed = true;
    }
  }
  if (!placed) queueInsertAfter(pts, sub, "free", pt, NIL);
  sub.freeCount++;
  for (let other = first; other <= last; other++) if (infoOf(pts, other).used) return false;
  if (pinned) return false;
  moveToCleanup(state, sub, first);
  return true;
}

/** mptalloc.cpp TSubAllocator::MoveToCleanup: unlink the page's tables, queue the page. */
export function moveToCleanup(state: KernelState, sub: SubAllocator, first: number): void {
  const pts = state.pagetables;
  const last = first + geometry(state).clusterSize - 1;
  queueCut(pts, sub, "free", first, last);
  for (let pt = first; pt <= last; pt++) {
    const info = infoOf(pts, pt);
    info.prev = NIL;
    info.next = NIL;
  }
  addToCleanupList(pts, sub, first);
}

/** mptalloc.cpp TSubAllocator::FreePage: the last cleanup page, its clusters freed; NIL if none. */
export function freePage(state: KernelState, sub: SubAllocator): number {
  if (!isCleanupRequired(state, sub)) return NIL;
  const pts = state.pagetables;
  const first = sub.cleanupTail;
  removeFromCleanupList(pts, sub, first);
  const cluster = geometry(state).clusterSize;
  sub.freeCount -= cluster;
  for (let pt = first; pt < first + cluster; pt++) sparseDelete(pts.infos, pt); // PtClusterFreed
  return first;
}

/** SPageTableInfo::AddToCleanupList. */
function addToCleanupList(pts: PageTablesState, sub: SubAllocator, first: number): void {
  queueAdd(pts, sub, "cleanup", first);
  infoOf(pts, first).onCleanupList = true;
  sub.cleanupPages++;
}

/** SPageTableInfo::RemoveFromCleanupList. */
function removeFromCleanupList(pts: PageTablesState, sub: SubAllocator, first: number): void {
  queueCut(pts, sub, "cleanup", first, first);
  infoOf(pts, first).onCleanupList = false;
  sub.cleanupPages--;
}

/** Whether page table `pt` is allocated (its cluster exists and it is in use). */
export function isAllocated(pts: PageTablesState, pt: number): boolean {
  return sparseGet(pts.infos, pt)?.used === true;
}
