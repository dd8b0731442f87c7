/**
 * btree.c's in-node primitives: inserting and removing a key with its left or right subtree
 * pointer (the arrays have room for one extra key during a split or a rotation), and finding a
 * key by its subtree. Removal closes the gap and leaves the last slot's old contents in place.
 */
import { panic } from "../panic.js";
import type { BtreeNode } from "./node.js";

/** node_insert_key_and_lsubtree: the new key's left subtree pointer goes in with it. */
export function insertKeyAndLsubtree(n: BtreeNode, key: number, value: number, lsubtree: number): void {
  let i = 0;
  for (; i < n.keys; i++) {
    if (key < n.key[i]!) {
      let j = n.keys;
      for (; j > i; j--) {
        n.key[j] = n.key[j - 1]!;
        n.value[j] = n.value[j - 1]!;
        n.subtree[j + 1] = n.subtree[j]!;
      }
      n.subtree[j + 1] = n.subtree[j]!;
      break;
    }
  }
  n.key[i] = key;
  n.value[i] = value;
  n.subtree[i] = lsubtree;
  n.keys++;
}

/** node_insert_key_and_rsubtree: the new key's right subtree pointer goes in with it. */
export function insertKeyAndRsubtree(n: BtreeNode, key: number, value: number, rsubtree: number): void {
  let i = 0;
  for (; i < n.keys; i++) {
    if (key < n.key[i]!) {
      for (let j = n.keys; j > i; j--) {
        n.key[j] = n.key[j - 1]!;
        n.value[j] = n.value[j - 1]!;
        n.subtree[j + 1] = n.subtree[j]!;
      }
      break;
    }
  }
  n.key[i] = key;
  n.value[i] = value;
  n.subtree[i + 1] = rsubtree;
  n.keys++;
}

/** node_remove_key_and_lsubtree: closes the gap; the last slot keeps its old contents. */
export function removeKeyAndLsubtree(n: BtreeNode, key: number): void {
  for (let i = 0; i < n.keys; i++) {
    if (key === n.key[i]) {
      let j = i + 1;
      for (; j < n.keys; j++) {
        n.key[j - 1] = n.key[j]!;
        n.value[j - 1] = n.value[j]!;
        n.subtree[j - 1] = n.subtree[j]!;
      }
      n.subtree[j - 1] = n.subtree[j]!;
      n.keys--;
      return;
    }
  }
  panic(`node does not contain key ${key}`);
}

/** node_remove_key_and_rsubtree. */
export function removeKeyAndRsubtree(n: BtreeNode, key: number): void {
  for (let i = 0; i < n.keys; i++) {
    if (key === n.key[i]) {
      for (let j = i + 1; j < n.keys; j++) {
        n.key[j - 1] = n.key[j]!;
        n.value[j - 1] = n.value[j]!;
        n.subtree[j] = n.subtree[j + 1]!;
      }
      n.keys--;
      return;
    }
  }
  panic(`node does not contain key ${key}`);
}

/** find_key_by_subtree: the index of the key whose left (or right) subtree is `subtree`. */
export function findKeyBySubtree(n: BtreeNode, subtree: number, right: boolean): number {
  for (let i = 0; i < n.keys + 1; i++) if (subtree === n.subtree[i]) return i - (right ? 1 : 0);
  panic(`node does not contain subtree ${subtree}`);
}
