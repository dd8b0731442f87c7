/**
 * as.c used_space_insert, as written: the used space of an area is a B+tree of `page → count`
 * intervals, and an insertion looks only at the leaf its search visited and the neighbouring
 * leaves' border entries, so its answers depend on the tree's shape exactly as the seed's do.
 */
import { add32, hex, overlaps, pagesToBytes } from "./addr.js";
import { PAGE_SIZE } from "./constants.js";
import { btreeInsert } from "./btree/insert.js";
import { NIL, node, type Btree, type BtreeNode } from "./btree/node.js";
import { fitBetween } from "./used-fit.js";
import { btreeSearch, leftNeighbour, rightNeighbour } from "./btree/search.js";
import { kassert, panic } from "./panic.js";

/**
 * Marks `count` pages from `page` as used; false when they overlap used space. `fixed` adds the
 * empty-tree case of HelenOS a6cb8cb97c (2006-05-28) and the search of 8b3bff5d1a (2010).
 */
export function usedSpaceInsert(t: Btree, page: number, count: number, fixed: boolean): boolean {
  kassert(page % PAGE_SIZE === 0, "page == ALIGN_DOWN(page, PAGE_SIZE)");
  kassert(count !== 0, "count");
  const found = btreeSearch(t, page, fixed);
  if (found.value !== 0) return false; // We hit the beginning of some used space.
  const leafId = found.leaf;
  const leaf = node(t, leafId);
  if (fixed && leaf.keys === 0) {
    btreeInsert(t, page, count, leafId, fixed);
    return true;
  }
  const size = pagesToBytes(count);
  const end = add32(page, size);
  const leftId = leftNeighbour(t, leafId);
  if (leftId !== NIL) {
    const left = node(t, leftId);
    // Between the rightmost interval of the left neighbour and the first interval of the leaf.
    if (page < leaf.key[0]!) {
      return fitBetween(
        t,
        { a: left, l: left.keys - 1, b: leaf, r: 0, rightLeaf: leafId, leafId },
        page,
        count,
        fixed,
      );
    }
  } else if (page < leaf.key[0]!) {
    // No left neighbour, the interval fits from the left (reads the stale key[0] of an empty root).
    const rightPg = leaf.key[0]!;
    if (overlaps(page, size, rightPg, pagesToBytes(leaf.value[0]!))) return false;
    if (end === rightPg) {
      leaf.key[0] = page;
      leaf.value[0] = leaf.value[0]! + count;
    } else {
      btreeInsert(t, page, count, leafId, fixed);
    }
    return true;
  }
  const rightId = rightNeighbour(t, leafId);
  if (rightId !== NIL) {
    // Between the last interval of the leaf and the leftmost interval of the right neighbour.
    if (page >= lastKey(leaf)) {
      const pair = { a: leaf, l: leaf.keys - 1, b: node(t, rightId), r: 0, rightLeaf: rightId, leafId };
      return fitBetween(t, pair, page, count, fixed);
    }
  } else if (page >= lastKey(leaf)) {
    // No right neighbour, the interval fits from the right.
    if (leaf.keys === 0) {
      // key[-1] and value[-1] of an empty node read 0 on a 32-bit ARM EABI layout (the `keys`
      // word with its padding, and the high half of the spare key[4]); page 0 is never used.
      btreeInsert(t, page, count, leafId, fixed);
      return true;
    }
    const l = leaf.keys - 1;
    const leftPg = leaf.key[l]!;
    const leftCnt = leaf.value[l]!;
    if (overlaps(page, size, leftPg, pagesToBytes(leftCnt))) return false;
    if (add32(leftPg, pagesToBytes(leftCnt)) === page) leaf.value[l] = leftCnt + count;
    else btreeInsert(t, page, count, leafId, fixed);
    return true;
  }
  // Only between two intervals of the leaf itself; the border cases were resolved above.
  for (let i = 1; i < leaf.keys; i++) {
    if (page < leaf.key[i]!) {
      return fitBetween(
        t,
        { a: leaf, l: i - 1, b: leaf, r: i, rightLeaf: leafId, leafId },
        page,
        count,
        fixed,
      );
    }
  }
  panic(`Inconsistency detected while adding ${count} pages of used space at ${hex(page)}.`);
}

/** key[keys - 1], with the empty node's out-of-bounds key[-1] read as 0 (see above). */
function lastKey(n: BtreeNode): number {
  return n.keys === 0 ? 0 : n.key[n.keys - 1]!;
}
