/**
 * A table of up to 64^4 numbers stored as a fixed four-level tree of arrays of at most 64 entries.
 * State tables must never be flat arrays: immer copies a whole array on write, and a drafted write
 * here copies four arrays of ≤ 64 entries instead of the table. The depth is fixed so the hot path
 * is four indexed loads with no loop; small tables simply have one-entry upper levels.
 */
export type Table = number[][][][];

export const TABLE_FANOUT = 64;
export const TABLE_CAPACITY = TABLE_FANOUT ** 4;

/** A table of `size` entries, all `fill`. Arrays are built by push so V8 keeps them packed. */
export function createTable(size: number, fill: number): Table {
  if (size < 1 || size > TABLE_CAPACITY) throw new RangeError(`table size ${size} out of range`);
  const top: number[][][][] = [];
  for (let a = 0; a * 262144 < size; a++) {
    const mid: number[][][] = [];
    for (let b = 0; b < 64 && a * 262144 + b * 4096 < size; b++) {
      const low: number[][] = [];
      for (let c = 0; c < 64 && a * 262144 + b * 4096 + c * 64 < size; c++) {
        const leaf: number[] = [];
        const base = a * 262144 + b * 4096 + c * 64;
        for (let d = 0; d < 64 && base + d < size; d++) leaf.push(fill);
        low.push(leaf);
      }
      mid.push(low);
    }
    top.push(mid);
  }
  return top;
}

export function tableGet(t: Table, i: number): number {
  return t[i >>> 18]![(i >>> 12) & 63]![(i >>> 6) & 63]![i & 63]!;
}

export function tableSet(t: Table, i: number, value: number): void {
  t[i >>> 18]![(i >>> 12) & 63]![(i >>> 6) & 63]![i & 63] = value;
}

/**
 * The number of entries if `t` is well formed (every array ≤ 64 entries, every level full but the
 * last path, leaves of numbers), else a description of the first defect. Used by invariants, which
 * may run on untrusted snapshots.
 */
export function tableShape(t: unknown): number | string {
  if (!Array.isArray(t) || t.length === 0 || t.length > 64) return "top level is not an array of 1..64";
  let size = 0;
  let closed = false;
  const walk = (node: unknown, depth: number, at: string): string | undefined => {
    if (!Array.isArray(node) || node.length === 0 || node.length > 64)
      return `${at} is not an array of 1..64`;
    if (closed) return `${at} follows a partial array`;
    if (depth === 3) {
      for (const x of node)
        if (typeof x !== "number" || !Number.isFinite(x)) return `${at} holds a non-number`;
      size += node.length;
      if (node.length < 64) closed = true;
      return undefined;
    }
    for (let i = 0; i < node.length; i++) {
      const why = walk(node[i], depth + 1, `${at}[${i}]`);
      if (why !== undefined) return why;
      if (closed && i < node.length - 1) return `${at}[${i}] is partial but not last`;
    }
    if (node.length < 64) closed = true;
    return undefined;
  };
  for (let i = 0; i < t.length; i++) {
    const why = walk(t[i], 1, `[${i}]`);
    if (why !== undefined) return why;
  }
  return size;
}

/** Calls `fn` with each leaf array of a well-formed table of `size` entries, in order. */
export function forEachLeaf(
  t: Table,
  size: number,
  fn: (leaf: readonly number[], first: number) => void,
): void {
  for (let first = 0; first < size; first += 64)
    fn(t[first >>> 18]![(first >>> 12) & 63]![(first >>> 6) & 63]!, first);
}
