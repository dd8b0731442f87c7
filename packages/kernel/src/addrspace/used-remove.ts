/**
 * as.c used_space_remove, as written. The seed only calls it for whole intervals taken from the
 * leaf list (as_area_destroy) and for the tail of the last interval (as_area_resize); a sub-range
 * starting inside the second-to-last interval of a leaf falls off the end of its loop (which stops
 * at keys - 1) and panics. The model's reclaimer keeps to the seed's two patterns.
 */
import { add32, hex, overlaps, pagesToBytes, sub32 } from "./addr.js";
import { PAGE_SIZE, PAGE_WIDTH } from "./constants.js";
import { btreeInsert } from "./btree/insert.js";
import { NIL, node, type Btree, type BtreeNode } from "./btree/node.js";
import { btreeRemove } from "./btree/remove.js";
import { btreeSearch, leftNeighbour } from "./btree/search.js";
import { kassert, panic } from "./panic.js";

/** Marks `count` pages from `page` as unused; false when they are not all used. */
export function usedSpaceRemove(t: Btree, page: number, count: number, fixed: boolean): boolean {
  kassert(page % PAGE_SIZE === 0, "page == ALIGN_DOWN(page, PAGE_SIZE)");
  kassert(count !== 0, "count");
  const found = btreeSearch(t, page, fixed);
  const leafId = found.leaf;
  const leaf = node(t, leafId);
  const pages = found.value;
  if (pages !== 0) {
    // We are lucky, page is the beginning of some interval.
    if (count > pages) return false;
    if (count === pages) {
      btreeRemove(t, page, leafId, fixed);
      return true;
    }
    for (let i = 0; i < leaf.keys; i++) {
      if (leaf.key[i] === page) {
        leaf.key[i] = add32(page, pagesToBytes(count));
        leaf.value[i] = leaf.value[i]! - count;
        return true;
      }
    }
    return inconsistent(count, page);
  }
  const leftId = leftNeighbour(t, leafId);
  if (leftId !== NIL && page < leaf.key[0]!) {
    const left = node(t, leftId);
    return cutFrom(t, left, left.keys - 1, page, count, leafId, fixed);
  } else if (page < leaf.key[0]!) {
    return false;
  }
  if (leaf.keys === 0) return false; // key[-1] reads 0 and value[-1] 0: nothing overlaps.
  if (page > leaf.key[leaf.keys - 1]!) return cutFrom(t, leaf, leaf.keys - 1, page, count, leafId, fixed);
  // Between intervals of the leaf; the loop bound keys - 1 misses the last gap.
  for (let i = 1; i < leaf.keys - 1; i++) {
    if (page < leaf.key[i]!) return cutFrom(t, leaf, i - 1, page, count, leafId, fixed);
  }
  return inconsistent(count, page);
}

/**
 * Removes [page, page + count) from the interval in slot `l` of node `n` if it lies inside it:
 * ending at the interval's end shrinks it; ending earlier shrinks it and inserts the tail as a
 * new interval into the visited leaf.
 */
function cutFrom(
  t: Btree,
  n: BtreeNode,
  l: number,
  page: number,
  count: number,
  leafId: number,
  fixed: boolean,
): boolean {
  const leftPg = n.key[l]!;
  const leftCnt = n.value[l]!;
  const leftEnd = add32(leftPg, pagesToBytes(leftCnt));
  const end = add32(page, pagesToBytes(count));
  if (!overlaps(leftPg, pagesToBytes(leftCnt), page, pagesToBytes(count))) return false;
  if (end === leftEnd) {
    n.value[l] = leftCnt - count;
    return true;
  }
  if (end < leftEnd) {
    const tail = sub32(leftEnd, end) >>> PAGE_WIDTH;
    n.value[l] = leftCnt - (count + tail);
    btreeInsert(t, end, tail, leafId, fixed);
    return true;
  }
  return false;
}

function inconsistent(count: number, page: number): never {
  panic(`Inconsistency detected while removing ${count} pages of used space from ${hex(page)}.`);
}
