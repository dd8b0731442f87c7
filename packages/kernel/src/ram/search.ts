/**
 * Lowest-address-first searches over the summary tree.
 *
 * Lowest address first is what the seeds' contiguous allocators do: Symbian Epoc::AllocPhysicalRam
 * (Mmu::AllocContiguousRam → DRamAllocator) searches each RAM zone's bitmap from its base for the
 * first free aligned run, NetBSD uvm_pglistalloc_contig scans upwards from the segment start
 * (`try = low; try += alignment`), and HelenOS frame_alloc walks its zones in address order. It also
 * makes outcomes easy to predict and to compare across allocator variants, and it packs allocations
 * low, leaving the high end of memory in long runs for the aligned requests (L1 tables) that need them.
 */
import { bitmapWord, NODE_STRIDE, type RamState } from "./state.js";
import { alignedStarts, ctz, nodeField, nodeLeaf } from "./summary.js";

/**
 * The lowest naturally aligned free block of 2^order frames, or -1. One root-to-leaf descent
 * steered by the `ord` summaries: O(log n). Single pages are order 0.
 */
export function findAlignedBlock(ram: RamState, order: number): number {
  const summary = ram.summary;
  if (summary[0]![0]![0]![NODE_STRIDE + 3]! <= order) return -1;
  const leaves = ram.leaves;
  let node = 1;
  let start = 0;
  let span = 32 * leaves;
  const target = 2 ** order;
  while (span > target && node < leaves) {
    span /= 2;
    node *= 2;
    const i = node * NODE_STRIDE;
    if (summary[i >>> 18]![(i >>> 12) & 63]![(i >>> 6) & 63]![(i & 63) + 3]! <= order) {
      node++;
      start += span;
    }
  }
  if (span === target) return start;
  return start + ctz(alignedStarts(bitmapWord(ram, node - leaves), order));
}

/** The free run ending where the scan has got to (module scratch, never state). */
let carry = 0;

/**
 * The lowest `x ≥ lo` such that frames [x, x + len) are all free, or -1. A left-to-right walk of
 * the tree that skips whole spans by their summaries and descends only into the span that holds
 * the answer, carrying the free run that ends at the current position: O(log n).
 */
export function findWindow(ram: RamState, len: number, lo: number): number {
  if (len > nodeField(ram, 1, 2)) return -1;
  carry = 0;
  return searchNode(ram, 1, 0, 32 * ram.leaves, len, lo);
}

function searchNode(
  ram: RamState,
  node: number,
  start: number,
  span: number,
  len: number,
  lo: number,
): number {
  if (start + span <= lo) return -1;
  if (start >= lo) {
    const leaf = nodeLeaf(ram, node);
    const o = (node * NODE_STRIDE) & 63;
    const pre = leaf[o]!;
    if (carry + pre >= len) return start - carry;
    if (leaf[o + 2]! < len) {
      carry = pre === span ? carry + span : leaf[o + 1]!;
      return -1;
    }
  }
  if (span === 32) return searchWord(ram, node - ram.leaves, start, len, lo);
  const half = span / 2;
  const found = searchNode(ram, 2 * node, start, half, len, lo);
  return found >= 0 ? found : searchNode(ram, 2 * node + 1, start + half, half, len, lo);
}

function searchWord(ram: RamState, w: number, start: number, len: number, lo: number): number {
  let bits = bitmapWord(ram, w);
  if (lo > start) bits &= -1 << (lo - start);
  if (bits === -1) {
    carry += 32;
    return carry >= len ? start + 32 - carry : -1;
  }
  const pre = ctz(~bits);
  if (carry + pre >= len) return start - carry;
  if (len <= 32) {
    const runs = runStarts(bits, len);
    if (runs !== 0) return start + ctz(runs);
  }
  carry = Math.clz32(~bits);
  return -1;
}

/** Bits marking where a run of at least `len` (1..32) set bits starts inside `word`. */
function runStarts(word: number, len: number): number {
  let m = word;
  let have = 1;
  while (have * 2 <= len) {
    m &= m >>> have;
    have *= 2;
  }
  if (have < len) m &= m >>> (len - have);
  return m;
}

/**
 * Where `ram.alloc` puts `pages` frames aligned to 2^align: the lowest fitting address, or -1.
 * - pages = 2^align (a naturally aligned power-of-two block: one page, an L1's 4 pages aligned to
 *   4, ...): findAlignedBlock, O(log n).
 * - align = 0: findWindow, O(log n).
 * - otherwise: the lowest window ≥ lo, rounded up to the alignment; if the rounded start is not
 *   itself free for `pages` frames the next window is searched from there. Each retry passes a
 *   free run that is long enough but wrongly placed, so the cost is O((r + 1) log n) for r such runs.
 */
export function findPlacement(ram: RamState, pages: number, align: number): number {
  if (pages > nodeField(ram, 1, 2)) return -1;
  if (pages === 2 ** align) return findAlignedBlock(ram, align);
  if (align === 0) return findWindow(ram, pages, 0);
  const step = 2 ** align;
  let lo = 0;
  for (;;) {
    const x = findWindow(ram, pages, lo);
    if (x < 0) return -1;
    const s = Math.ceil(x / step) * step;
    if (s === x) return x;
    if (s + pages > ram.totalPages) return -1;
    lo = s;
  }
}
