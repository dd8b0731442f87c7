/** btree.c insertion: btree_insert, _btree_insert, node_split. */
import { kassert, panic } from "../panic.js";
import { insertKeyAndRsubtree } from "./keys.js";
import { allocNode, BTREE_MAX_KEYS, isLeaf, isRoot, NIL, node, type Btree } from "./node.js";
import { tryInsertByRotationToLeft, tryInsertByRotationToRight } from "./rotate.js";
import { btreeSearch } from "./search.js";

/**
 * btree_insert: ASSERT(value); with no leaf given, search first and panic on a duplicate key.
 * A given leaf is trusted: the seed's callers pass the leaf their own search visited.
 */
export function btreeInsert(t: Btree, key: number, value: number, leaf: number, emptyNodeFix: boolean): void {
  kassert(value !== 0, "value");
  let lnode = leaf;
  if (lnode === NIL) {
    const found = btreeSearch(t, key, emptyNodeFix);
    if (found.value !== 0) panic(`B-tree already contains key ${key}`);
    lnode = found.leaf;
  }
  insertInto(t, key, value, NIL, lnode);
}

/** _btree_insert: store in place, rotate to a sibling with room, or split and recurse upwards. */
function insertInto(t: Btree, key: number, value: number, rsubtree: number, id: number): void {
  const n = node(t, id);
  if (n.keys < BTREE_MAX_KEYS) {
    insertKeyAndRsubtree(n, key, value, rsubtree);
    return;
  }
  if (tryInsertByRotationToLeft(t, id, key, value, rsubtree)) return;
  if (tryInsertByRotationToRight(t, id, key, value, rsubtree)) return;
  const { rnode, median } = split(t, id, key, value, rsubtree);
  if (isLeaf(n)) {
    // list_prepend(&rnode->leaf_link, &node->leaf_link): rnode follows node on the leaf list.
    const r = node(t, rnode);
    r.prev = id;
    r.next = n.next;
    if (n.next === NIL) t.last = rnode;
    else node(t, n.next).prev = rnode;
    n.next = rnode;
  }
  if (isRoot(n)) {
    const root = allocNode(t);
    t.root = root;
    n.parent = root;
    node(t, rnode).parent = root;
    node(t, root).subtree[0] = id;
  }
  insertInto(t, median, 0, rnode, n.parent);
}

/**
 * node_split: add the key to the full node (it has room for one extra), then move the keys from
 * the higher median up to a new right sibling; a leaf keeps a copy of the median, an index node
 * does not. Returns the new node and the median to insert into the parent.
 */
function split(
  t: Btree,
  id: number,
  key: number,
  value: number,
  rsubtree: number,
): { rnode: number; median: number } {
  const n = node(t, id);
  kassert(n.keys === BTREE_MAX_KEYS, "node->keys == BTREE_MAX_KEYS");
  insertKeyAndRsubtree(n, key, value, rsubtree);
  const medianIndex = n.keys >> 1;
  const median = n.key[medianIndex]!;
  const rid = allocNode(t);
  const r = node(t, rid);
  r.parent = n.parent;
  let i = (isLeaf(n) ? 0 : 1) + medianIndex;
  let j = 0;
  for (; i < n.keys; i++, j++) {
    r.key[j] = n.key[i]!;
    r.value[j] = n.value[i]!;
    r.subtree[j] = n.subtree[i]!;
    if (r.subtree[j] !== NIL) node(t, r.subtree[j]!).parent = rid;
  }
  r.subtree[j] = n.subtree[i]!;
  if (r.subtree[j] !== NIL) node(t, r.subtree[j]!).parent = rid;
  r.keys = j;
  n.keys = n.keys >> 1;
  return { rnode: rid, median };
}
