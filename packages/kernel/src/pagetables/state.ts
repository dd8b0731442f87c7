import type { KernelConfig } from "../config.js";
import { createBitMap, type BitMap } from "./bitmap.js";
import { geometryOf } from "./geometry.js";
import { createSparse, type Sparse } from "./sparse.js";

/** "No page table" in the index links below (a null SDblQueLink). */
export const NIL = -1;

/**
 * mmu.h SPageTableInfo of one page table. A record exists exactly while its page-table cluster is
 * allocated (EPtClusterAllocated): from TSubAllocator::AllocPage to FreePage.
 */
export interface PageTableInfo {
  /** iType ≠ EUnused: allocated by pt.alloc (a fine mapping's table) or by the bootstrap. */
  used: boolean;
  /** EDemandPaged: allocated by the paged sub-allocator. */
  paged: boolean;
  /** EOnCleanupList, only ever set on the first page table of a page. */
  onCleanupList: boolean;
  /** iPageCount: pages this table maps (its PTEs, see pager/mappings.ts). */
  pageCount: number;
  /** iPermanenceCount: 1 for the bootstrap's tables (Boot), else 0. */
  permanence: number;
  /** The FreeLink: neighbours on the free list, or on the cleanup list for a page's first table. */
  prev: number;
  next: number;
  /** pt.pin count on this table (the pinning mappings' TPinArgs::iPinnedPageTables). */
  pins: number;
  /** The first PTE of this table (a pager mapping id), NIL when it maps nothing tracked. */
  pteHead: number;
}

/** mptalloc.h TSubAllocator: the paged or the unpaged page tables. */
export interface SubAllocator {
  /** iFreeList: unused tables of partly used pages, each page's tables contiguous in address order. */
  freeHead: number;
  freeTail: number;
  /** iCleanupList: pages whose tables are all unused, linked through their first table. */
  cleanupHead: number;
  cleanupTail: number;
  /** Pages on the cleanup list (the kernel does not count them; views do). */
  cleanupPages: number;
  /** iFreeCount: unused tables on both lists. */
  freeCount: number;
  /** iReserveCount: KNumReservedPageTables = 0 for both. */
  reserveCount: number;
}

/** PageTableAllocator (mptalloc.cpp), plus which frames hold its pages. */
export interface PageTablesState {
  /** Init2 has run (the first pagetables or pager event boots paging, see pager/boot.ts). */
  booted: boolean;
  unpaged: SubAllocator;
  paged: SubAllocator;
  /** TPtPageAllocator::iLowerWaterMark: the highest unpaged page index ever used. */
  lowerWaterMark: number;
  /** TPtPageAllocator::iUpperWaterMark: the lowest paged page index ever used. */
  upperWaterMark: number;
  /** TPtPageAllocator::iPinnedPageTablePages (revision 2010). */
  pinnedPtPages: number;
  /** iLowerAllocator: bit b is page b (unpaged, growing up). */
  lower: BitMap;
  /** iUpperAllocator: bit b is page maxPtPages - 1 - b (paged, growing down). */
  upper: BitMap;
  /** iPageTableGroupCounts: group → allocated PT pages in it (absent = 0). */
  groupCounts: Sparse<number>;
  /** Committed pages of iPageTableMemory: PT page index → pfn. */
  ptPages: Sparse<number>;
  /** Committed pages of iPageTableInfoMemory: group → pfn. */
  infoPages: Sparse<number>;
  /** SPageTableInfo per page table index. */
  infos: Sparse<PageTableInfo>;
  /** A Cleanup() is queued on iCleanup (DoFree found IsCleanupRequired); tick runs it. */
  cleanupQueued: boolean;
  /** RandomSeed of RandomPagedPtPage (33333 in the code; config.seed here). */
  randomSeed: number;
  /** Page tables in use (counted for views). */
  inUse: number;
}

export function emptySubAllocator(): SubAllocator {
  return {
    freeHead: NIL,
    freeTail: NIL,
    cleanupHead: NIL,
    cleanupTail: NIL,
    cleanupPages: 0,
    freeCount: 0,
    reserveCount: 0,
  };
}

/** The slice before Init2 (pagetables/boot.ts fills it in at the first paging event). */
export function initPageTables(config: KernelConfig): PageTablesState {
  const g = geometryOf(config.arch);
  return {
    booted: false,
    unpaged: emptySubAllocator(),
    paged: emptySubAllocator(),
    lowerWaterMark: 0,
    upperWaterMark: g.maxPtPages,
    pinnedPtPages: 0,
    lower: createBitMap(g.maxPtPages),
    upper: createBitMap(g.maxPtPages),
    groupCounts: createSparse<number>(2),
    ptPages: createSparse<number>(3),
    infoPages: createSparse<number>(2),
    infos: createSparse<PageTableInfo>(3),
    cleanupQueued: false,
    randomSeed: config.seed,
    inUse: 0,
  };
}
