/**
 * mptalloc.cpp PageTableAllocator::TPtPageAllocator: which page of the page-table array a new
 * page of tables goes to. Unpaged pages grow up from 0 (iLowerAllocator), paged pages grow down
 * from the top (iUpperAllocator, bit b = page max-1-b); the two never come within one group, so no
 * page of SPageTableInfos mixes paged and unpaged tables. Watermarks never move back.
 */
import type { KernelState } from "../state.js";
import { bitMapAlloc, bitMapFree } from "./bitmap.js";
import { geometry, is2010 } from "./geometry.js";

/** mptalloc.h TPtPageAllocator::AtPinnedPagedPtsLimit (revision 2010). */
export function atPinnedPagedPtsLimit(
  state: KernelState,
  upper: number,
  lower: number,
  pinned: number,
): boolean {
  const g = geometry(state);
  const adjustedUpper = upper & ~(g.groupSize - 1);
  const availPaged = g.maxPtPages - adjustedUpper;
  return lower + 1 === adjustedUpper && availPaged - pinned < g.minUnpinnedPagedPtPages;
}

/** mptalloc.cpp TPtPageAllocator::Alloc: a page index, or -1 when the regions would clash. */
export function ptPageAlloc(state: KernelState, paged: boolean): number {
  const pts = state.pagetables;
  const g = geometry(state);
  const groupMask = ~(g.groupSize - 1);
  if (paged) {
    const bit = bitMapAlloc(pts.upper);
    if (bit < 0) return bit; // 2010 asserts there is always one (the unpaged pages exist)
    const pageIndex = g.maxPtPages - 1 - bit;
    if (pageIndex < pts.upperWaterMark) {
      // new upper watermark...
      if ((pageIndex & groupMask) <= pts.lowerWaterMark) {
        bitMapFree(pts.upper, bit); // clashes with other bitmap allocator, so fail..
        return -1;
      }
      pts.upperWaterMark = pageIndex;
    }
    return pageIndex;
  }
  const bit = bitMapAlloc(pts.lower);
  if (bit < 0) return bit;
  if (bit > pts.lowerWaterMark) {
    const clash = bit >= (pts.upperWaterMark & groupMask);
    const pinLimit =
      is2010(state) && atPinnedPagedPtsLimit(state, pts.upperWaterMark, bit, pts.pinnedPtPages);
    if (clash || pinLimit) {
      bitMapFree(pts.lower, bit); // clashes, or too few unpinned paged page tables would be left
      return -1;
    }
    pts.lowerWaterMark = bit;
  }
  return bit;
}

/** mptalloc.cpp TPtPageAllocator::Free. */
export function ptPageFree(state: KernelState, pageIndex: number, paged: boolean): void {
  const pts = state.pagetables;
  if (paged) bitMapFree(pts.upper, geometry(state).maxPtPages - 1 - pageIndex);
  else bitMapFree(pts.lower, pageIndex);
}

/**
 * mptalloc.cpp TPtPageAllocator::RandomPagedPtPage (2010): an allocated paged page picked by the
 * LCG `seed = seed * 69069 + 1`, bit = (seed · (max - UWM - 1)) >> 32 (exact in a double).
 */
export function randomPagedPtPage(state: KernelState): number {
  const pts = state.pagetables;
  const max = geometry(state).maxPtPages;
  pts.randomSeed = (Math.imul(pts.randomSeed, 69069) + 1) >>> 0;
  const allocRange = max - pts.upperWaterMark - 1;
  const bit = Math.floor((pts.randomSeed * allocRange) / 2 ** 32);
  return max - 1 - bit;
}

/** mptalloc.h TPtPageAllocator::IsDemandPagedPt (2010). */
export function isDemandPagedPt(state: KernelState, ptPage: number): boolean {
  return ptPage >= state.pagetables.upperWaterMark;
}

/**
 * mptalloc.h TPtPageAllocator::IsDemandPagedPtInfo (2010), which is 2009's IsDemandPaged: is the
 * highest page index this group's infos can describe in the paged region.
 */
export function isDemandPagedPtInfo(state: KernelState, group: number): boolean {
  return (group + 1) * geometry(state).groupSize - 1 >= state.pagetables.upperWaterMark;
}
