/**
 * A sparse table of records keyed by integers below 2^32: a fixed-depth tree of arrays of at most
 * 64 entries, `null` where nothing is stored. Only the paths to stored keys exist, so a table of
 * 130,048 page-table infos or 4M frames costs what it holds, and an immer write copies one short
 * array per level. Layout is canonical (no trailing nulls, no empty nodes), so equal contents
 * give equal digests however they were reached. Shared by `pagetables` and `pager`.
 */

export type SparseNode<T> = (SparseNode<T> | T | null)[];

export interface Sparse<T> {
  /** Levels of 64-way fan-out: keys below 64^depth (and below 2^32). */
  readonly depth: number;
  root: SparseNode<T> | null;
  /** Records stored. */
  size: number;
}

export function createSparse<T>(depth: number): Sparse<T> {
  return { depth, root: null, size: 0 };
}

const digit = (key: number, level: number): number => (key >>> (6 * level)) & 63;

/** The record at `key`, or undefined. */
export function sparseGet<T>(table: Sparse<T>, key: number): T | undefined {
  let node: SparseNode<T> | T | null | undefined = table.root;
  for (let level = table.depth - 1; level >= 0; level--) {
    if (node === null || node === undefined) return undefined;
    node = (node as SparseNode<T>)[digit(key, level)];
  }
  return node === null ? undefined : (node as T | undefined);
}

/** Stores `value` (not null) at `key`, creating the path. */
export function sparseSet<T>(table: Sparse<T>, key: number, value: T): void {
  if (table.root === null) table.root = [];
  let node = table.root;
  for (let level = table.depth - 1; level > 0; level--) {
    const d = digit(key, level);
    while (node.length <= d) node.push(null);
    let child = node[d] as SparseNode<T> | null;
    if (child === null) {
      child = [];
      node[d] = child;
    }
    node = child;
  }
  const d = digit(key, 0);
  while (node.length <= d) node.push(null);
  if (node[d] === null) table.size++;
  node[d] = value;
}

/** Removes `key` (if stored), pruning empty nodes and trailing nulls. */
export function sparseDelete<T>(table: Sparse<T>, key: number): void {
  if (table.root === null) return;
  const path: SparseNode<T>[] = [];
  let node = table.root;
  for (let level = table.depth - 1; level > 0; level--) {
    path.push(node);
    const child = node[digit(key, level)] as SparseNode<T> | null | undefined;
    if (child === null || child === undefined) return;
    node = child;
  }
  const d = digit(key, 0);
  if (node[d] === null || node[d] === undefined) return;
  node[d] = null;
  table.size--;
  for (let level = 0; ; level++) {
    while (node.length > 0 && node[node.length - 1] === null) node.pop();
    const parent = path.pop();
    if (parent === undefined) {
      if (node.length === 0) table.root = null;
      return;
    }
    if (node.length > 0) return;
    parent[digit(key, level + 1)] = null;
    node = parent;
  }
}

/** Calls `fn` for every stored record in increasing key order. */
export function sparseForEach<T>(table: Sparse<T>, fn: (key: number, value: T) => void): void {
  const walk = (node: SparseNode<T>, level: number, base: number): void => {
    for (let i = 0; i < node.length; i++) {
      const child = node[i];
      if (child === null || child === undefined) continue;
      const key = base + i * 2 ** (6 * level);
      if (level === 0) fn(key, child as T);
      else walk(child as SparseNode<T>, level - 1, key);
    }
  };
  if (table.root !== null) walk(table.root, table.depth - 1, 0);
}

/** The stored keys in increasing order. */
export function sparseKeys<T>(table: Sparse<T>): number[] {
  const keys: number[] = [];
  sparseForEach(table, (key) => keys.push(key));
  return keys;
}

/** A description of the first layout defect (arrays over 64, trailing nulls, bad size), or null. */
export function sparseDefect<T>(table: Sparse<T>): string | null {
  let count = 0;
  const walk = (node: unknown, level: number, at: string): string | null => {
    if (!Array.isArray(node) || node.length === 0 || node.length > 64)
      return `${at} is not an array of 1..64`;
    if (node[node.length - 1] === null) return `${at} ends with null`;
    for (let i = 0; i < node.length; i++) {
      const child: unknown = node[i];
      if (child === null) continue;
      if (level === 0) count++;
      else {
        const why = walk(child, level - 1, `${at}[${i}]`);
        if (why !== null) return why;
      }
    }
    return null;
  };
  if (table.root !== null) {
    const why = walk(table.root, table.depth - 1, "root");
    if (why !== null) return why;
  }
  return count === table.size ? null : `holds ${count} records but size says ${table.size}`;
}
