import { isLeaf, NIL, node, type Btree } from "./node.js";

/** What btree_search returns: the value (0 = NULL) and the leaf it visited last (`*leaf_node`). */
export interface SearchResult {
  readonly value: number;
  readonly leaf: number;
}

/**
 * btree.c btree_search: descends to the leaf that can hold `key`. On an empty root leaf the seed
 * compares against the stale key[0] and returns the stale value[0] when they match: a removed key
 * is still "found". HelenOS 8b3bff5d1a (2010-11-21, "btree_search() can find an already removed key
 * if the tree is empty") returns NULL from an empty node; `emptyNodeFix` selects that.
 */
export function btreeSearch(t: Btree, key: number, emptyNodeFix: boolean): SearchResult {
  let leaf = NIL;
  for (let cur = t.root; cur !== NIL;) {
    leaf = cur;
    const n = node(t, cur);
    if (emptyNodeFix && n.keys === 0) return { value: 0, leaf };
    if (key < n.key[0]!) {
      cur = n.subtree[0]!;
      continue;
    }
    let i = 1;
    let descended = false;
    for (; i < n.keys; i++) {
      if (key < n.key[i]!) {
        if (isLeaf(n)) return { value: key === n.key[i - 1] ? n.value[i - 1]! : 0, leaf };
        cur = n.subtree[i]!;
        descended = true;
        break;
      }
    }
    if (descended) continue;
    // The rightmost subtree (for keys == 0 this reads subtree[1] and the stale key[0]/value[0]).
    if (isLeaf(n)) return { value: key === n.key[i - 1] ? n.value[i - 1]! : 0, leaf };
    cur = n.subtree[i]!;
  }
  return { value: 0, leaf };
}

/** btree_leaf_node_left_neighbour: the previous leaf on the leaf list, or NIL. */
export function leftNeighbour(t: Btree, leaf: number): number {
  return node(t, leaf).prev;
}

/** btree_leaf_node_right_neighbour. */
export function rightNeighbour(t: Btree, leaf: number): number {
  return node(t, leaf).next;
}

/** Every (key, value) of the live slots in leaf-list order, as the seed's leaf walks see them. */
export function leafEntries(t: Btree): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let id = t.first; id !== NIL; id = node(t, id).next) {
    const n = node(t, id);
    for (let i = 0; i < n.keys; i++) out.push([n.key[i]!, n.value[i]!]);
  }
  return out;
}
