/** btree.c removal: btree_remove, _btree_remove, node_combine. */
import { panic } from "../panic.js";
import { findKeyBySubtree, removeKeyAndRsubtree } from "./keys.js";
import { FILL_FACTOR, freeNode, isLeaf, isRoot, NIL, node, type Btree } from "./node.js";
import { tryRotationFromLeft, tryRotationFromRight } from "./rotate.js";
import { btreeSearch } from "./search.js";

/** btree_remove: with no leaf given, search first and panic when the key is missing. */
export function btreeRemove(t: Btree, key: number, leaf: number, emptyNodeFix: boolean): void {
  let lnode = leaf;
  if (lnode === NIL) {
    const found = btreeSearch(t, key, emptyNodeFix);
    if (found.value === 0) panic(`B-tree does not contain key ${key}`);
    lnode = found.leaf;
  }
  removeFrom(t, key, lnode);
}

/**
 * _btree_remove: a root just loses the key (an index root left with one key gives way to its
 * first subtree); other nodes borrow from a sibling when at the fill factor, else combine with
 * one and remove the separator from the parent recursively.
 */
function removeFrom(t: Btree, key: number, id: number): void {
  const n = node(t, id);
  if (isRoot(n)) {
    if (n.keys === 1 && n.subtree[0] !== NIL) {
      t.root = n.subtree[0]!;
      node(t, t.root).parent = NIL;
      freeNode(t, id);
    } else {
      removeKeyAndRsubtree(n, key);
    }
    return;
  }
  if (n.keys <= FILL_FACTOR) {
    if (!tryRotationFromLeft(t, id)) tryRotationFromRight(t, id);
  }
  if (n.keys > FILL_FACTOR) {
    removeKeyAndRsubtree(n, key);
    const parent = node(t, n.parent);
    for (let i = 0; i < parent.keys; i++) if (parent.key[i] === key) parent.key[i] = n.key[0]!;
    return;
  }
  const parentId = n.parent;
  removeKeyAndRsubtree(n, key);
  const rid = combine(t, id);
  const r = node(t, rid);
  if (isLeaf(r)) unlinkLeaf(t, rid);
  const parent = node(t, parentId);
  const idx = findKeyBySubtree(parent, rid, true);
  if (idx === -1) panic("assertion failed ((int) idx != -1)");
  freeNode(t, rid);
  removeFrom(t, parent.key[idx]!, parentId);
}

/**
 * node_combine: merge the node with its right sibling (or, as its parent's rightmost subtree,
 * with its left one); the left node survives. Returns the right node, now to be freed.
 */
function combine(t: Btree, id: number): number {
  let lid = id;
  const parent = node(t, node(t, id).parent);
  let idx = findKeyBySubtree(parent, id, false);
  let rid: number;
  if (idx === parent.keys) {
    idx--;
    rid = id;
    lid = parent.subtree[idx]!;
  } else {
    rid = parent.subtree[idx + 1]!;
  }
  const l = node(t, lid);
  const r = node(t, rid);
  const index = !isLeaf(l);
  if (index) l.key[l.keys++] = parent.key[idx]!;
  let i = 0;
  for (; i < r.keys; i++) {
    l.key[l.keys + i] = r.key[i]!;
    l.value[l.keys + i] = r.value[i]!;
    if (index) {
      l.subtree[l.keys + i] = r.subtree[i]!;
      node(t, r.subtree[i]!).parent = lid;
    }
  }
  if (index) {
    l.subtree[l.keys + i] = r.subtree[i]!;
    node(t, r.subtree[i]!).parent = lid;
  }
  l.keys += r.keys;
  return rid;
}

/** list_remove(&rnode->leaf_link). */
function unlinkLeaf(t: Btree, id: number): void {
  const n = node(t, id);
  if (n.prev === NIL) t.first = n.next;
  else node(t, n.prev).next = n.next;
  if (n.next === NIL) t.last = n.prev;
  else node(t, n.next).prev = n.prev;
}
