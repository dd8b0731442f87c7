/**
 * HelenOS's B+tree (generic/src/adt/btree.c as of the seed, BTREE_M = 5) as plain data: nodes in a
 * sparse table keyed by small ids, pointers as ids (0 = NULL). Every array keeps all its slots, and
 * slots past `keys` keep whatever was last written there, because the seed reads them: an emptied
 * root still answers a search for the key it last held (fixed by HelenOS 8b3bff5d1a, 2010).
 */
import { kassert } from "../panic.js";
import { sparseDelete, sparseGet, sparseSet, type SparseTable } from "../../sparse-table.js";

export const BTREE_M = 5;
export const BTREE_MAX_KEYS = BTREE_M - 1;
/** btree.c FILL_FACTOR ((BTREE_M-1)/2). */
export const FILL_FACTOR = 2;
export const NIL = 0;

/** btree_node_t: keys, key[5], value[5], subtree[6], parent and the leaf-list link. */
export interface BtreeNode {
  keys: number;
  key: number[];
  value: number[];
  subtree: number[];
  parent: number;
  /** leaf_link.prev / .next as node ids; 0 is the tree's leaf_head. */
  prev: number;
  next: number;
}

/** btree_t: the root and the leaf_head list (first = head.next, last = head.prev). */
export interface Btree {
  root: number;
  first: number;
  last: number;
  /** The last node id handed out. */
  serial: number;
  nodes: SparseTable<BtreeNode>;
}

export function node(t: Btree, id: number): BtreeNode {
  const n = sparseGet(t.nodes, id);
  if (n === undefined) throw new Error(`B+tree node ${id} does not exist`);
  return n;
}

export const isLeaf = (n: BtreeNode): boolean => n.subtree[0] === NIL;
export const isRoot = (n: BtreeNode): boolean => n.parent === NIL;

/** node_initialize on a fresh slab object. */
export function allocNode(t: Btree): number {
  const id = ++t.serial;
  sparseSet(t.nodes, id, {
    keys: 0,
    key: [0, 0, 0, 0, 0],
    value: [0, 0, 0, 0, 0],
    subtree: [0, 0, 0, 0, 0, 0],
    parent: NIL,
    prev: NIL,
    next: NIL,
  });
  return id;
}

export function freeNode(t: Btree, id: number): void {
  sparseDelete(t.nodes, id);
}

/** btree_create: one empty root leaf on the leaf list. */
export function btreeCreate(): Btree {
  const t: Btree = { root: NIL, first: NIL, last: NIL, serial: 0, nodes: {} };
  t.root = t.first = t.last = allocNode(t);
  return t;
}

/**
 * btree_destroy: only an empty tree may be destroyed. Its root goes with the record that holds the
 * tree, which the 2006 revision may keep readable as freed memory (see Area.freed).
 */
export function btreeDestroy(t: Btree): void {
  kassert(node(t, t.root).keys === 0, "!t->root->keys");
}
