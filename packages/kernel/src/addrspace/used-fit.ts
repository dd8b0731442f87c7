/** The case analysis used_space_insert repeats for each pair of neighbouring used intervals. */
import { add32, overlaps, pagesToBytes } from "./addr.js";
import { btreeInsert } from "./btree/insert.js";
import type { Btree, BtreeNode } from "./btree/node.js";
import { btreeRemove } from "./btree/remove.js";

/** Two neighbouring intervals: slot `l` of node `a`, slot `r` of node `b` (leaf `rightLeaf`). */
export interface Neighbours {
  readonly a: BtreeNode;
  readonly l: number;
  readonly b: BtreeNode;
  readonly r: number;
  readonly rightLeaf: number;
  /** The leaf the search visited: new keys go there. */
  readonly leafId: number;
}

/**
 * The five-way case the seed repeats for every pair of neighbouring intervals: overlap either →
 * fail; adjacent to both → fuse into the left one and remove the right key; adjacent to one → grow
 * it (the right one by moving its key down in place, even when that key is a leaf's first and its
 * parent separator now lies above it); else insert a new key into the visited leaf.
 */
export function fitBetween(t: Btree, n: Neighbours, page: number, count: number, fixed: boolean): boolean {
  const { a, l, b, r } = n;
  const leftPg = a.key[l]!;
  const leftCnt = a.value[l]!;
  const rightPg = b.key[r]!;
  const rightCnt = b.value[r]!;
  const size = pagesToBytes(count);
  const end = add32(page, size);
  const leftEnd = add32(leftPg, pagesToBytes(leftCnt));
  if (overlaps(page, size, leftPg, pagesToBytes(leftCnt))) return false;
  if (overlaps(page, size, rightPg, pagesToBytes(rightCnt))) return false;
  if (page === leftEnd && end === rightPg) {
    a.value[l] = leftCnt + count + rightCnt;
    btreeRemove(t, rightPg, n.rightLeaf, fixed);
  } else if (page === leftEnd) {
    a.value[l] = leftCnt + count;
  } else if (end === rightPg) {
    b.value[r] = rightCnt + count;
    b.key[r] = page;
  } else {
    btreeInsert(t, page, count, n.leafId, fixed);
  }
  return true;
}
