import type { Table } from "./table.js";

/**
 * Who owns a physical frame. Every subsystem takes its frames from `ram`, and the owner table
 * records which one did so fragmentation made by one shows in the others. Codes are part of the
 * state (and so of digests): append, never renumber.
 */
export const OwnerKind = {
  Free: 0,
  /** A user allocation through `ram.alloc` (Epoc::AllocPhysicalRam). */
  Ram: 1,
  /** A page of page tables or page-table infos (mptalloc.cpp). */
  PageTables: 2,
  /** A page of paged content on the live list (mpager.cpp). */
  Pager: 3,
  /** An anonymous page of an address-space area (HelenOS anon backend). */
  Anon: 4,
  /** A kernel-map page (uvm_km.c). */
  Kmem: 5,
  /** A frame of an L1 translation table (NetBSD arm32 pmap). */
  L1: 6,
} as const;
export type OwnerKind = (typeof OwnerKind)[keyof typeof OwnerKind];

/** Owner names as views and messages show them, indexed by OwnerKind. */
export const ownerNames = ["free", "ram", "pagetables", "pager", "anon", "kmem", "l1"] as const;
export type OwnerName = (typeof ownerNames)[number];

/**
 * An owner-table entry packs (tag, movable, kind) into one number: `tag * 32 + movable * 16 + kind`.
 * The tag is the owner's own integer (the ram owner's allocation serial, a page-table page index,
 * ...), up to 2^47; a free frame's entry is 0.
 */
export const ENTRY_KIND_MASK = 15;
export const ENTRY_MOVABLE = 16;
export const ENTRY_TAG_UNIT = 32;
export const MAX_OWNER_TAG = 2 ** 47 - 1;

export function packEntry(kind: OwnerKind, tag: number, movable: boolean): number {
  return tag * ENTRY_TAG_UNIT + (movable ? ENTRY_MOVABLE : 0) + kind;
}
/** The owner kind of an entry (bitwise ops keep the low bits of entries above 2^32 too). */
export function entryKind(entry: number): OwnerKind {
  return (entry & ENTRY_KIND_MASK) as OwnerKind;
}
export function entryMovable(entry: number): boolean {
  return (entry & ENTRY_MOVABLE) !== 0;
}
export function entryTag(entry: number): number {
  return Math.floor(entry / ENTRY_TAG_UNIT);
}

export const FRAMES_PER_WORD = 32;
/** Summary-tree nodes are 4 numbers: free prefix run, free suffix run, longest run, largest order + 1. */
export const NODE_STRIDE = 4;

/**
 * Physical memory: who owns each frame, which frames are free, and an index that finds the lowest
 * free run of any size and alignment in O(log n). Every table is a tree of ≤ 64-entry arrays.
 */
export interface RamState {
  /** Frames modelled (config.ramPages). */
  readonly totalPages: number;
  /** Free frames, kept equal to the bitmap's population count. */
  freePages: number;
  /** Successful `ram.alloc`s so far; each block's frames carry its serial as owner tag. */
  allocations: number;
  /** Bitmap words: ceil(totalPages / 32). */
  readonly words: number;
  /** Leaves of the summary tree: `words` rounded up to a power of two. */
  readonly leaves: number;
  /** One bit per frame, 1 = free; frame `p` is bit `p & 31` of word `p >>> 5`. Tail bits stay 0. */
  bitmap: Table;
  /**
   * A segment tree over the bitmap words, heap-ordered (root 1, children 2i and 2i+1, leaf of word
   * w at `leaves + w`); node i's fields are entries 4i..4i+3. See summary.ts.
   */
  summary: Table;
  /** The owner entry of every frame (see packEntry). */
  frames: Table;
  /**
   * Frames per owner kind, indexed by OwnerKind (index 0 counts free frames): O(1) answers to
   * "does X own any frame", so an owner's invariants skip the frame scan while it owns none.
   */
  ownedFrames: number[];
}

/** Sets (`free`) or clears the bits of frames [from, from + count); the summary is the caller's to refresh. */
export function writeBits(ram: RamState, from: number, count: number, free: boolean): void {
  const end = from + count;
  let p = from;
  while (p < end) {
    const w = p >>> 5;
    const lo = p & 31;
    const n = Math.min(32 - lo, end - p);
    const mask = n === 32 ? -1 : ((1 << n) - 1) << lo;
    const leaf = bitmapLeaf(ram, w);
    leaf[w & 63] = free ? leaf[w & 63]! | mask : leaf[w & 63]! & ~mask;
    p += n;
  }
}

export function bitmapLeaf(ram: RamState, w: number): number[] {
  return ram.bitmap[w >>> 18]![(w >>> 12) & 63]![(w >>> 6) & 63]!;
}

export function bitmapWord(ram: RamState, w: number): number {
  return ram.bitmap[w >>> 18]![(w >>> 12) & 63]![(w >>> 6) & 63]![w & 63]!;
}

export function frameEntryOf(ram: RamState, pfn: number): number {
  return ram.frames[pfn >>> 18]![(pfn >>> 12) & 63]![(pfn >>> 6) & 63]![pfn & 63]!;
}

export function setFrameEntry(ram: RamState, pfn: number, entry: number): void {
  ram.frames[pfn >>> 18]![(pfn >>> 12) & 63]![(pfn >>> 6) & 63]![pfn & 63] = entry;
}

/**
 * Calls `fn` for every frame owned by `kind`, lowest first, walking leaf arrays; stops early when
 * `fn` returns false or every such frame was seen. Costs nothing while `kind` owns no frame.
 */
export function forEachOwnedFrame(
  ram: RamState,
  kind: OwnerKind,
  fn: (pfn: number, entry: number) => boolean | void,
): void {
  let left = ram.ownedFrames[kind] ?? 0;
  for (let p = 0; p < ram.totalPages && left > 0; p += 64) {
    const leaf = ram.frames[p >>> 18]![(p >>> 12) & 63]![(p >>> 6) & 63]!;
    for (let i = 0; i < leaf.length; i++) {
      const entry = leaf[i]!;
      if ((entry & ENTRY_KIND_MASK) !== kind || (kind === 0 && entry !== 0)) continue;
      left--;
      if (fn(p + i, entry) === false) return;
    }
  }
}

/** Sets the owner entry of frames [pfn, pfn + count) to `entry`, one leaf array at a time. */
export function fillFrameEntries(ram: RamState, pfn: number, count: number, entry: number): void {
  const end = pfn + count;
  let p = pfn;
  while (p < end) {
    const leaf = ram.frames[p >>> 18]![(p >>> 12) & 63]![(p >>> 6) & 63]!;
    const stop = Math.min(end, (p | 63) + 1);
    for (let i = p & 63, last = (stop - 1) & 63; i <= last; i++) leaf[i] = entry;
    p = stop;
  }
}

/** The first frame in [pfn, pfn + count) whose owner kind is not `kind`, or -1 when all are. */
export function firstFrameNotOwnedBy(ram: RamState, pfn: number, count: number, kind: OwnerKind): number {
  const end = pfn + count;
  let p = pfn;
  while (p < end) {
    const leaf = ram.frames[p >>> 18]![(p >>> 12) & 63]![(p >>> 6) & 63]!;
    const stop = Math.min(end, (p | 63) + 1);
    const base = p - (p & 63);
    for (let i = p & 63, last = (stop - 1) & 63; i <= last; i++) {
      if ((leaf[i]! & ENTRY_KIND_MASK) !== kind) return base + i;
    }
    p = stop;
  }
  return -1;
}

/** The first free frame in [pfn, pfn + count), or -1 when all are owned. */
export function firstFreeEntry(ram: RamState, pfn: number, count: number): number {
  const end = pfn + count;
  let p = pfn;
  while (p < end) {
    const leaf = ram.frames[p >>> 18]![(p >>> 12) & 63]![(p >>> 6) & 63]!;
    const stop = Math.min(end, (p | 63) + 1);
    const base = p - (p & 63);
    for (let i = p & 63, last = (stop - 1) & 63; i <= last; i++) if (leaf[i] === 0) return base + i;
    p = stop;
  }
  return -1;
}
