import { createSparse, type Sparse } from "../pagetables/sparse.js";
import { NIL } from "../pagetables/state.js";

/** mmu.h SPageInfo::TPagedState, with the kernel's numbers (EPagedPinnedMoved = 3 is not modelled). */
export const PagedState = {
  Unpaged: 0,
  Young: 1,
  Old: 2,
  Pinned: 4,
  OldestClean: 5,
  OldestDirty: 6,
} as const;
export type PagedState = (typeof PagedState)[keyof typeof PagedState];

/** What a pager frame holds (SPageInfo::Type and its owning memory object). */
export const FrameUse = {
  /** SPageInfo::EUnused: a free page of the cache. */
  Unused: 0,
  /** A page of paged content (code or data), `owner` = its page key. */
  Content: 1,
  /** A page of paged page tables (iPageTableMemory), `owner` = its PT page index. */
  PtPage: 2,
  /** A page of paged SPageTableInfos (iPageTableInfoMemory), `owner` = its group. */
  PtInfo: 3,
} as const;
export type FrameUse = (typeof FrameUse)[keyof typeof FrameUse];

/** The SPageInfo of a frame the pager owns (ram owner kind Pager). */
export interface PagerFrame {
  state: PagedState;
  use: FrameUse;
  owner: number;
  /** iLink: neighbours on its live list (towards the head = younger, towards the tail = older). */
  prev: number;
  next: number;
  /** IsDirty (SetWritable / SetClean). */
  dirty: boolean;
  /** PinCount. */
  pinCount: number;
  /** The "clock" policy's reference bit (0 for the live list). */
  ref: number;
}

/** An SDblQue of frames with its count: pages enter at the head, leave from the tail. */
export interface LiveList {
  head: number;
  tail: number;
  count: number;
}

/** A resident page of paged content. */
export interface ContentPage {
  pfn: number;
  /** Its first PTE (mappings.ts), NIL when no page table maps it. */
  pteHead: number;
}

/** A PTE mapping a page through a page table (NIL for a table the model does not track). */
export interface Pte {
  page: number;
  pt: number;
  /** Not made inaccessible by aging (RestrictPage ERestrictPagesNoAccessForOldPage). */
  accessible: boolean;
  /** Mapped read-write (a write through a read-only PTE faults and dirties the page). */
  writable: boolean;
  pagePrev: number;
  pageNext: number;
  ptPrev: number;
  ptNext: number;
}

export interface PagerCounters {
  /** Accesses the kernel never saw (young page, accessible PTE). */
  hits: number;
  /** Faults resolved without reading: rejuvenations and re-mappings of resident pages. */
  softFaults: number;
  /** Page-ins: faults that read the page into a new frame. */
  hardFaults: number;
  /** Pages taken from their owners (content paged out, page-table pages freed). */
  steals: number;
}

/** DPager (mpager.cpp, FMM) with the frames it owns. */
export interface PagerState {
  /** InitCache has run (see boot.ts). */
  booted: boolean;
  minYoungPages: number;
  absoluteMinPageCount: number;
  minimumPageLimit: number;
  minimumPageCount: number;
  maximumPageCount: number;
  initMinimumPageCount: number;
  initMaximumPageCount: number;
  /** iReservePageCount: no op reserves pages (DPageReadRequest, realtime pinning), so 0. */
  reservePageCount: number;
  /** iNumberOfFreePages: pages the cache holds beyond its minimum. */
  numberOfFreePages: number;
  numberOfDirtyPages: number;
  youngOldRatio: number;
  oldOldestRatio: number;
  maxOldestPages: number;
  young: LiveList;
  old: LiveList;
  oldestClean: LiveList;
  oldestDirty: LiveList;
  /** Every frame the pager owns, by pfn. */
  frames: Sparse<PagerFrame>;
  /** Resident content pages, by page key. */
  pages: Sparse<ContentPage>;
  /** Pinned page key → its pinned frame (kept after a decommit until the last unpin). */
  pins: Sparse<number>;
  ptes: Sparse<Pte>;
  nextPte: number;
  /** The "clock" policy's hand (a frame on the young list), NIL otherwise. */
  clockHand: number;
  counters: PagerCounters;
}

function emptyList(): LiveList {
  return { head: NIL, tail: NIL, count: 0 };
}

/** The slice before InitCache. */
export function initPager(): PagerState {
  return {
    booted: false,
    minYoungPages: 0,
    absoluteMinPageCount: 0,
    minimumPageLimit: 0,
    minimumPageCount: 0,
    maximumPageCount: 0,
    initMinimumPageCount: 0,
    initMaximumPageCount: 0,
    reservePageCount: 0,
    numberOfFreePages: 0,
    numberOfDirtyPages: 0,
    youngOldRatio: 0,
    oldOldestRatio: 0,
    maxOldestPages: 0,
    young: emptyList(),
    old: emptyList(),
    oldestClean: emptyList(),
    oldestDirty: emptyList(),
    frames: createSparse<PagerFrame>(4),
    pages: createSparse<ContentPage>(6),
    pins: createSparse<number>(6),
    ptes: createSparse<Pte>(6),
    nextPte: 0,
    clockHand: NIL,
    counters: { hits: 0, softFaults: 0, hardFaults: 0, steals: 0 },
  };
}
