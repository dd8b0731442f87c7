/** btree.c rotations between siblings, used by insertion and removal. */
import {
  findKeyBySubtree,
  insertKeyAndLsubtree,
  insertKeyAndRsubtree,
  removeKeyAndLsubtree,
  removeKeyAndRsubtree,
} from "./keys.js";
import { BTREE_MAX_KEYS, FILL_FACTOR, isLeaf, isRoot, NIL, node, type Btree } from "./node.js";

/**
 * rotate_from_left: the biggest key of `lnode` moves to `rnode`; for index nodes the parent key
 * `idx` takes part in the rotation.
 */
export function rotateFromLeft(t: Btree, lid: number, rid: number, idx: number): void {
  const l = node(t, lid);
  const r = node(t, rid);
  const parent = node(t, l.parent);
  const key = l.key[l.keys - 1]!;
  if (isLeaf(l)) {
    const value = l.value[l.keys - 1]!;
    removeKeyAndRsubtree(l, key);
    insertKeyAndLsubtree(r, key, value, NIL);
    parent.key[idx] = key;
  } else {
    const rsubtree = l.subtree[l.keys]!;
    removeKeyAndRsubtree(l, key);
    insertKeyAndLsubtree(r, parent.key[idx]!, 0, rsubtree);
    parent.key[idx] = key;
    node(t, rsubtree).parent = rid;
  }
}

/** rotate_from_right: the smallest key of `rnode` moves to `lnode`. */
export function rotateFromRight(t: Btree, lid: number, rid: number, idx: number): void {
  const l = node(t, lid);
  const r = node(t, rid);
  const parent = node(t, r.parent);
  const key = r.key[0]!;
  if (isLeaf(r)) {
    const value = r.value[0]!;
    removeKeyAndLsubtree(r, key);
    insertKeyAndRsubtree(l, key, value, NIL);
    parent.key[idx] = r.key[0]!;
  } else {
    const lsubtree = r.subtree[0]!;
    removeKeyAndLsubtree(r, key);
    insertKeyAndRsubtree(l, parent.key[idx]!, 0, lsubtree);
    parent.key[idx] = key;
    node(t, lsubtree).parent = lid;
  }
}

/** try_insert_by_rotation_to_left: insert, then pass the smallest key to a left sibling with room. */
export function tryInsertByRotationToLeft(
  t: Btree,
  id: number,
  key: number,
  value: number,
  rsubtree: number,
): boolean {
  const n = node(t, id);
  if (isRoot(n)) return false;
  const idx = findKeyBySubtree(node(t, n.parent), id, true);
  if (idx === -1) return false;
  const lid = node(t, n.parent).subtree[idx]!;
  if (node(t, lid).keys < BTREE_MAX_KEYS) {
    insertKeyAndRsubtree(n, key, value, rsubtree);
    rotateFromRight(t, lid, id, idx);
    return true;
  }
  return false;
}

/** try_insert_by_rotation_to_right: insert, then pass the biggest key to a right sibling with room. */
export function tryInsertByRotationToRight(
  t: Btree,
  id: number,
  key: number,
  value: number,
  rsubtree: number,
): boolean {
  const n = node(t, id);
  if (isRoot(n)) return false;
  const parent = node(t, n.parent);
  const idx = findKeyBySubtree(parent, id, false);
  if (idx === parent.keys) return false;
  const rid = parent.subtree[idx + 1]!;
  if (node(t, rid).keys < BTREE_MAX_KEYS) {
    insertKeyAndRsubtree(n, key, value, rsubtree);
    rotateFromLeft(t, id, rid, idx);
    return true;
  }
  return false;
}

/** try_rotation_from_left: borrow the left sibling's biggest key if it has more than FILL_FACTOR. */
export function tryRotationFromLeft(t: Btree, rid: number): boolean {
  const r = node(t, rid);
  if (isRoot(r)) return false;
  const idx = findKeyBySubtree(node(t, r.parent), rid, true);
  if (idx === -1) return false;
  const lid = node(t, r.parent).subtree[idx]!;
  if (node(t, lid).keys > FILL_FACTOR) {
    rotateFromLeft(t, lid, rid, idx);
    return true;
  }
  return false;
}

/** try_rotation_from_right: borrow the right sibling's smallest key. */
export function tryRotationFromRight(t: Btree, lid: number): boolean {
  const l = node(t, lid);
  if (isRoot(l)) return false;
  const parent = node(t, l.parent);
  const idx = findKeyBySubtree(parent, lid, false);
  if (idx === parent.keys) return false;
  const rid = parent.subtree[idx + 1]!;
  if (node(t, rid).keys > FILL_FACTOR) {
    rotateFromRight(t, lid, rid, idx);
    return true;
  }
  return false;
}
