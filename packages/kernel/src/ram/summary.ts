/**
 * The summary tree: a segment tree over the free bitmap, one leaf per 32-frame word. Each node
 * covers a naturally aligned span of 32·2^h frames and stores four numbers:
 *   pre   free frames at the low end of the span (its free prefix run),
 *   suf   free frames at the high end (its free suffix run),
 *   best  the longest free run inside the span,
 *   ord   1 + the largest order k such that a naturally aligned free block of 2^k frames lies in the
 *         span (0 when nothing is free).
 * A node is entirely free iff pre equals its span, and then it is itself an aligned free block, so
 * `ord` combines like a buddy allocator's orders while pre/suf/best combine like run lengths.
 * Updating one word is O(log n) and stops early at the first ancestor that does not change.
 */
import { bitmapWord, NODE_STRIDE, type RamState } from "./state.js";

/** Count of trailing zero bits of a non-zero 32-bit word. */
export function ctz(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/** Longest run of set bits in a 32-bit word. */
export function longestRun(word: number): number {
  if (word === -1) return 32;
  let x = word;
  let n = 0;
  while (x !== 0) {
    x &= x >>> 1;
    n++;
  }
  return n;
}

/** Bits marking where a naturally aligned run of 2^order set bits starts in `word` (order ≤ 5). */
export function alignedStarts(word: number, order: number): number {
  let m = word;
  if (order >= 1) m = m & (m >>> 1) & 0x55555555;
  if (order >= 2) m = m & (m >>> 2) & 0x11111111;
  if (order >= 3) m = m & (m >>> 4) & 0x01010101;
  if (order >= 4) m = m & (m >>> 8) & 0x00010001;
  if (order >= 5) m = m & (m >>> 16) & 1;
  return m;
}

/** 1 + the largest order of a naturally aligned free block within a word, 0 if none is free. */
export function wordOrder(word: number): number {
  if (word === 0) return 0;
  if (word === -1) return 6;
  let m = word & (word >>> 1) & 0x55555555;
  if (m === 0) return 1;
  m = m & (m >>> 2) & 0x11111111;
  if (m === 0) return 2;
  m = m & (m >>> 4) & 0x01010101;
  if (m === 0) return 3;
  return (m & (m >>> 8) & 0x00010001) === 0 ? 4 : 5;
}

/** The leaf array holding field 0 of summary node `node` (its 4 fields are consecutive in it). */
export function nodeLeaf(ram: RamState, node: number): number[] {
  const i = node * NODE_STRIDE;
  return ram.summary[i >>> 18]![(i >>> 12) & 63]![(i >>> 6) & 63]!;
}

/** One field (0 pre, 1 suf, 2 best, 3 ord) of a summary node. */
export function nodeField(ram: RamState, node: number, field: number): number {
  const i = node * NODE_STRIDE;
  return ram.summary[i >>> 18]![(i >>> 12) & 63]![(i >>> 6) & 63]![(i & 63) + field]!;
}

/** Recomputes the leaf of word `w` from the bitmap; true if it changed. */
function writeLeaf(ram: RamState, w: number): boolean {
  const word = bitmapWord(ram, w);
  const z = ~word;
  const pre = z === 0 ? 32 : ctz(z);
  const suf = Math.clz32(z);
  return writeNode(ram, ram.leaves + w, pre, suf, wordBest(word, pre, suf), wordOrder(word));
}

/**
 * The longest free run of a word given its prefix and suffix runs: only the bits strictly between
 * the lowest and the highest used bit still need scanning, usually few.
 */
function wordBest(word: number, pre: number, suf: number): number {
  if (pre === 32) return 32;
  const outer = pre > suf ? pre : suf;
  const inner = 30 - pre - suf;
  if (inner <= outer) return outer;
  const run = longestRun((word >>> (pre + 1)) & ((1 << inner) - 1));
  return run > outer ? run : outer;
}

/** Recomputes node `p` from its two children, each spanning `childSpan` frames; true if it changed. */
function combineInto(ram: RamState, p: number, childSpan: number): boolean {
  const children = nodeLeaf(ram, 2 * p);
  const o = (2 * p * NODE_STRIDE) & 63;
  const lPre = children[o]!;
  const lSuf = children[o + 1]!;
  const lBest = children[o + 2]!;
  const lOrd = children[o + 3]!;
  const rPre = children[o + 4]!;
  const rSuf = children[o + 5]!;
  const rBest = children[o + 6]!;
  const rOrd = children[o + 7]!;
  const lFull = lPre === childSpan;
  const rFull = rPre === childSpan;
  const pre = lFull ? childSpan + rPre : lPre;
  const suf = rFull ? childSpan + lSuf : rSuf;
  let best = lSuf + rPre;
  if (lBest > best) best = lBest;
  if (rBest > best) best = rBest;
  const ord = lFull && rFull ? lOrd + 1 : lOrd > rOrd ? lOrd : rOrd;
  return writeNode(ram, p, pre, suf, best, ord);
}

function writeNode(
  ram: RamState,
  node: number,
  pre: number,
  suf: number,
  best: number,
  ord: number,
): boolean {
  const leaf = nodeLeaf(ram, node);
  const o = (node * NODE_STRIDE) & 63;
  if (leaf[o] === pre && leaf[o + 1] === suf && leaf[o + 2] === best && leaf[o + 3] === ord) return false;
  leaf[o] = pre;
  leaf[o + 1] = suf;
  leaf[o + 2] = best;
  leaf[o + 3] = ord;
  return true;
}

/**
 * Brings the tree up to date after bitmap word `w` changed: the leaf, then each ancestor from the
 * values just computed and the sibling's (siblings share a leaf array), stopping at the first
 * ancestor that does not change. The hot path of every single-frame allocation, free and move.
 */
export function refreshWord(ram: RamState, w: number): void {
  const word = bitmapWord(ram, w);
  const z = ~word;
  let pre = z === 0 ? 32 : ctz(z);
  let suf = Math.clz32(z);
  let best = wordBest(word, pre, suf);
  let ord = wordOrder(word);
  let node = ram.leaves + w;
  let span = 32;
  for (;;) {
    const leaf = nodeLeaf(ram, node);
    const o = (node * NODE_STRIDE) & 63;
    if (leaf[o] === pre && leaf[o + 1] === suf && leaf[o + 2] === best && leaf[o + 3] === ord) return;
    leaf[o] = pre;
    leaf[o + 1] = suf;
    leaf[o + 2] = best;
    leaf[o + 3] = ord;
    if (node === 1) return;
    const s = o ^ NODE_STRIDE;
    const sPre = leaf[s]!;
    const sSuf = leaf[s + 1]!;
    const sBest = leaf[s + 2]!;
    const sOrd = leaf[s + 3]!;
    const full = pre === span;
    const sFull = sPre === span;
    if ((node & 1) === 0) {
      // this node is the left child
      const across = suf + sPre;
      if (sBest > best) best = sBest;
      if (across > best) best = across;
      pre = full ? span + sPre : pre;
      suf = sFull ? span + suf : sSuf;
    } else {
      const across = sSuf + pre;
      if (sBest > best) best = sBest;
      if (across > best) best = across;
      pre = sFull ? span + pre : sPre;
      suf = full ? span + sSuf : suf;
    }
    ord = full && sFull ? ord + 1 : ord > sOrd ? ord : sOrd;
    node >>>= 1;
    span *= 2;
  }
}

/**
 * Brings the tree up to date after the bitmap words w0..w1 changed: their leaves, then each level
 * of ancestors in turn, stopping at the first level where nothing changed. O((w1 - w0) + log n).
 */
export function refreshSummary(ram: RamState, w0: number, w1: number): void {
  if (w0 === w1) return refreshWord(ram, w0);
  let changed = false;
  for (let w = w0; w <= w1; w++) if (writeLeaf(ram, w)) changed = true;
  let lo = (ram.leaves + w0) >>> 1;
  let hi = (ram.leaves + w1) >>> 1;
  let span = 32;
  while (changed && lo >= 1) {
    changed = false;
    for (let p = lo; p <= hi; p++) if (combineInto(ram, p, span)) changed = true;
    lo >>>= 1;
    hi >>>= 1;
    span *= 2;
  }
}

/** The whole tree as recomputed from the bitmap alone, node by node (for invariants and tests). */
export function recomputeSummary(ram: RamState): number[] {
  const nodes = 2 * ram.leaves;
  const out = new Array<number>(nodes * NODE_STRIDE).fill(0);
  for (let w = 0; w < ram.words; w++) {
    const word = bitmapWord(ram, w);
    const i = (ram.leaves + w) * NODE_STRIDE;
    const z = ~word;
    out[i] = z === 0 ? 32 : ctz(z);
    out[i + 1] = Math.clz32(z);
    out[i + 2] = longestRun(word);
    out[i + 3] = wordOrder(word);
  }
  let span = 32;
  for (let level = ram.leaves; level > 1; level >>>= 1) {
    for (let p = level >>> 1; p < level; p++) {
      const l = 2 * p * NODE_STRIDE;
      const r = l + NODE_STRIDE;
      const lFull = out[l] === span;
      const rFull = out[r] === span;
      out[p * NODE_STRIDE] = lFull ? span + out[r]! : out[l]!;
      out[p * NODE_STRIDE + 1] = rFull ? span + out[l + 1]! : out[r + 1]!;
      out[p * NODE_STRIDE + 2] = Math.max(out[l + 2]!, out[r + 2]!, out[l + 1]! + out[r]!);
      out[p * NODE_STRIDE + 3] = lFull && rFull ? out[l + 3]! + 1 : Math.max(out[l + 3]!, out[r + 3]!);
    }
    span *= 2;
  }
  return out;
}
