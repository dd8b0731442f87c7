/**
 * The physical frame allocator: the internal API every subsystem takes its frames through
 * (Symbian Epoc::AllocPhysicalRam / Mmu::AllocContiguousRam, NetBSD uvm_pglistalloc, HelenOS
 * frame_alloc). Callers state their preconditions; a broken one is a bug in the model, so it throws
 * and the engine reports an INTERNAL halt.
 */
import { createTable } from "./table.js";
import { findAlignedBlock, findPlacement, findWindow } from "./search.js";
import { nodeField, refreshSummary } from "./summary.js";
import {
  entryKind,
  entryMovable,
  entryTag,
  ENTRY_KIND_MASK,
  fillFrameEntries,
  firstFreeEntry,
  FRAMES_PER_WORD,
  frameEntryOf,
  MAX_OWNER_TAG,
  NODE_STRIDE,
  OwnerKind,
  ownerNames,
  packEntry,
  setFrameEntry,
  writeBits,
  type OwnerName,
  type RamState,
} from "./state.js";

/** Physical memory of `totalPages` frames, all free. */
export function initRam(totalPages: number): RamState {
  const words = Math.ceil(totalPages / FRAMES_PER_WORD);
  let leaves = 1;
  while (leaves < words) leaves *= 2;
  const ram: RamState = {
    totalPages,
    freePages: totalPages,
    allocations: 0,
    words,
    leaves,
    bitmap: createTable(words, 0),
    summary: createTable(2 * leaves * NODE_STRIDE, 0),
    frames: createTable(totalPages, 0),
    ownedFrames: ownerNames.map((_, kind) => (kind === OwnerKind.Free ? totalPages : 0)),
  };
  writeBits(ram, 0, totalPages, true);
  refreshSummary(ram, 0, words - 1);
  return ram;
}

/**
 * Allocates `pages` contiguous frames starting at a multiple of 2^alignLog2, at the lowest such
 * address, for `owner` (with its `tag`); returns the first pfn or -1 when no run fits.
 * `movable` frames may later be moved one by one by migrateFrame.
 */
export function allocFrames(
  ram: RamState,
  pages: number,
  alignLog2: number,
  owner: OwnerKind,
  tag: number,
  movable: boolean,
): number {
  assert(Number.isInteger(pages) && pages >= 1, "allocFrames: pages must be a positive integer");
  assert(Number.isInteger(alignLog2) && alignLog2 >= 0 && alignLog2 <= 31, "allocFrames: align 0..31");
  assert(owner !== OwnerKind.Free, "allocFrames: a frame cannot be allocated to the free owner");
  assert(Number.isInteger(tag) && tag >= 0 && tag <= MAX_OWNER_TAG, "allocFrames: tag out of range");
  if (pages > ram.freePages) return -1;
  const pfn = findPlacement(ram, pages, alignLog2);
  if (pfn < 0) return -1;
  fillFrameEntries(ram, pfn, pages, packEntry(owner, tag, movable));
  writeBits(ram, pfn, pages, false);
  refreshSummary(ram, pfn >>> 5, (pfn + pages - 1) >>> 5);
  ram.freePages -= pages;
  ram.ownedFrames[OwnerKind.Free]! -= pages;
  ram.ownedFrames[owner]! += pages;
  return pfn;
}

/** Frees frames [pfn, pfn + pages), which must all be owned (by anyone: the caller checks whose). */
export function freeFrames(ram: RamState, pfn: number, pages: number): void {
  assert(pages >= 1 && pfn >= 0 && pfn + pages <= ram.totalPages, "freeFrames: range out of RAM");
  const free = firstFreeEntry(ram, pfn, pages);
  if (free >= 0) throw new Error(`freeFrames: frame ${free} is already free`);
  releaseFrames(ram, pfn, pages);
}

/**
 * freeFrames for a caller that has just checked the frames' owners itself; `kind`, when the
 * caller knows every frame of the range has that owner, saves reading them again.
 */
export function releaseFrames(ram: RamState, pfn: number, pages: number, kind?: OwnerKind): void {
  if (kind !== undefined) ram.ownedFrames[kind]! -= pages;
  else for (let p = pfn; p < pfn + pages; p++) ram.ownedFrames[frameEntryOf(ram, p) & ENTRY_KIND_MASK]!--;
  ram.ownedFrames[OwnerKind.Free]! += pages;
  fillFrameEntries(ram, pfn, pages, 0);
  writeBits(ram, pfn, pages, true);
  refreshSummary(ram, pfn >>> 5, (pfn + pages - 1) >>> 5);
  ram.freePages += pages;
}

/** Frames a migration must not land in: [from, to). */
export interface FrameRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Moves the movable frame `pfn` to the lowest free frame outside `avoid`, keeping its owner entry
 * (owner, tag, movable); returns the new pfn or -1 when there is no such frame. The owner updates
 * its own references (Symbian M::MovePage: the caller remaps; t_ramdefrag "pages moved").
 */
export function migrateFrame(ram: RamState, pfn: number, avoid?: FrameRange): number {
  const entry = frameEntryOf(ram, pfn);
  if (!entryMovable(entry)) throw new Error(`migrateFrame: frame ${pfn} is free or not movable`);
  let to = findAlignedBlock(ram, 0);
  if (avoid !== undefined && to >= avoid.from && to < avoid.to) to = findWindow(ram, 1, avoid.to);
  if (to < 0) return -1;
  setFrameEntry(ram, to, entry);
  setFrameEntry(ram, pfn, 0);
  writeBits(ram, to, 1, false);
  writeBits(ram, pfn, 1, true);
  refreshSummary(ram, to >>> 5, to >>> 5);
  refreshSummary(ram, pfn >>> 5, pfn >>> 5);
  return to;
}

/** The lowest free frame at or above `from`, or -1. */
export function firstFreeFrame(ram: RamState, from = 0): number {
  return from === 0 ? findAlignedBlock(ram, 0) : findWindow(ram, 1, from);
}

/** The raw owner-table entry of a frame (0 when free); decode with entryKind/entryTag/entryMovable. */
export function frameEntry(ram: RamState, pfn: number): number {
  return frameEntryOf(ram, pfn);
}

export interface FrameOwner {
  readonly kind: OwnerKind;
  readonly owner: OwnerName;
  readonly tag: number;
  readonly movable: boolean;
}

/** Who owns frame `pfn`, or null when it is free. */
export function frameOwner(ram: RamState, pfn: number): FrameOwner | null {
  const entry = frameEntryOf(ram, pfn);
  if (entry === 0) return null;
  const kind = entryKind(entry);
  return { kind, owner: ownerNames[kind] ?? "free", tag: entryTag(entry), movable: entryMovable(entry) };
}

/** The allocator's O(1) counters. */
export interface RamCounters {
  readonly totalPages: number;
  readonly freePages: number;
  readonly usedPages: number;
  /** The longest run of free frames. */
  readonly largestFreeRun: number;
  /** The largest order k with a free naturally aligned block of 2^k frames; -1 when none is free. */
  readonly largestFreeOrder: number;
}

export function ramCounters(ram: RamState): RamCounters {
  return {
    totalPages: ram.totalPages,
    freePages: ram.freePages,
    usedPages: ram.totalPages - ram.freePages,
    largestFreeRun: nodeField(ram, 1, 2),
    largestFreeOrder: nodeField(ram, 1, 3) - 1,
  };
}

function assert(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
