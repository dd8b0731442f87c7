import { ramCounters } from "./allocator.js";
import {
  bitmapWord,
  entryKind,
  entryMovable,
  entryTag,
  frameEntryOf,
  ownerNames,
  type OwnerName,
  type RamState,
} from "./state.js";
import { ctz } from "./summary.js";

/** A maximal run of frames with the same owner, tag and movability. */
export interface RamBlockView {
  readonly pages: number;
  readonly owner: OwnerName;
  readonly tag: number;
  readonly movable: boolean;
}

/** Physical memory as diffs, predicates and `seek` show it. */
export interface RamView {
  readonly totalPages: number;
  readonly freePages: number;
  readonly usedPages: number;
  readonly allocations: number;
  readonly largestFreeRun: number;
  /** -1 when nothing is free. */
  readonly largestFreeOrder: number;
  /** Free blocks per order as a buddy allocator would hold them (/proc/buddyinfo). */
  readonly freeBlocksPerOrder: readonly number[];
  /** Owned blocks keyed by their first pfn, so diffs line up by address. */
  readonly blocks: Readonly<Record<string, RamBlockView>>;
}

/**
 * The counters are O(1) (the summary tree's root); `freeBlocksPerOrder` and `blocks` are
 * O(totalPages) and computed on first read, so a predicate over `freePages` stays cheap enough
 * to judge after every event. The view is a private copy: nothing a reader does to it matters.
 */
export function ramView(ram: RamState): RamView {
  const view = { ...ramCounters(ram), allocations: ram.allocations } as RamView;
  lazy(view, "freeBlocksPerOrder", () => freeBlocksPerOrder(ram));
  lazy(view, "blocks", () => ownedBlocks(ram));
  return view;
}

/** An enumerable property computed once, on first read. */
function lazy<T extends object>(target: T, key: string, compute: () => unknown): void {
  let value: unknown;
  let done = false;
  Object.defineProperty(target, key, {
    enumerable: true,
    get() {
      if (!done) {
        value = compute();
        done = true;
      }
      return value;
    },
  });
}

/** Calls `fn` for every maximal run of free frames, lowest first. */
export function forEachFreeRun(ram: RamState, fn: (start: number, length: number) => void): void {
  let runStart = -1;
  for (let w = 0; w < ram.words; w++) {
    const word = bitmapWord(ram, w);
    if (word === -1) {
      if (runStart < 0) runStart = w * 32;
      continue;
    }
    for (let i = 0; i < 32; i++) {
      const free = (word & (1 << i)) !== 0;
      if (free && runStart < 0) runStart = w * 32 + i;
      else if (!free && runStart >= 0) {
        fn(runStart, w * 32 + i - runStart);
        runStart = -1;
      }
    }
  }
  if (runStart >= 0) fn(runStart, ram.words * 32 - runStart);
}

/**
 * Splits each free run into maximal naturally aligned blocks, the way a buddy allocator's free
 * lists hold it (Linux memblock_free_pages: order = min(ffs(start), fit)), and counts them per order.
 */
export function freeBlocksPerOrder(ram: RamState): number[] {
  const maxOrder = 31 - Math.clz32(ram.totalPages);
  const counts = new Array<number>(maxOrder + 1).fill(0);
  forEachFreeRun(ram, (start, length) => {
    const end = start + length;
    let x = start;
    while (x < end) {
      let order = x === 0 ? maxOrder : Math.min(ctz(x), maxOrder);
      while (2 ** order > end - x) order--;
      counts[order]!++;
      x += 2 ** order;
    }
  });
  return counts;
}

function ownedBlocks(ram: RamState): Record<string, RamBlockView> {
  const blocks: Record<string, RamBlockView> = {};
  let p = 0;
  while (p < ram.totalPages) {
    const entry = frameEntryOf(ram, p);
    let q = p + 1;
    while (q < ram.totalPages && frameEntryOf(ram, q) === entry) q++;
    if (entry !== 0) {
      const owner = ownerNames[entryKind(entry)] ?? "free";
      blocks[String(p)] = { pages: q - p, owner, tag: entryTag(entry), movable: entryMovable(entry) };
    }
    p = q;
  }
  return blocks;
}
