/**
 * A sparse table keyed by integers below 2^24: four levels of small records with at most 64 keys
 * each, so a write copies four tiny records under immer instead of one big one. kmem keeps map
 * entries (by first page), object pages (by offset page), the kernel pmap (by va page) and
 * sleepers in them; addrspace its address spaces, PTEs and B+tree nodes; l1 its tables. Empty
 * records are pruned, so equal contents give equal states and digests.
 *
 * Iteration is ascending by key: integer-like keys of a plain object enumerate in ascending
 * numeric order (ECMA-262 OrdinaryOwnPropertyKeys, which for-in follows since ES2020), also
 * after a msgpack round trip.
 */
export type SparseTable<T> = Record<number, Record<number, Record<number, Record<number, T>>>>;

export const SPARSE_KEY_LIMIT = 2 ** 24;

export function sparseGet<T>(table: SparseTable<T>, key: number): T | undefined {
  return table[key >>> 18]?.[(key >>> 12) & 63]?.[(key >>> 6) & 63]?.[key & 63];
}

export function sparseSet<T>(table: SparseTable<T>, key: number, value: T): void {
  if (!Number.isInteger(key) || key < 0 || key >= SPARSE_KEY_LIMIT) throw new RangeError(`sparse key ${key}`);
  const a = (table[key >>> 18] ??= {});
  const b = (a[(key >>> 12) & 63] ??= {});
  const c = (b[(key >>> 6) & 63] ??= {});
  c[key & 63] = value;
}

/** Removes `key` (if present) and prunes the records it leaves empty. */
export function sparseDelete<T>(table: SparseTable<T>, key: number): void {
  const ka = key >>> 18;
  const kb = (key >>> 12) & 63;
  const kc = (key >>> 6) & 63;
  const a = table[ka];
  const b = a?.[kb];
  const c = b?.[kc];
  if (c === undefined || !((key & 63) in c)) return;
  delete c[key & 63];
  if (isEmpty(c)) delete b![kc];
  if (isEmpty(b!)) delete a![kb];
  if (isEmpty(a!)) delete table[ka];
}

/**
 * Calls `fn(key, value)` for every key in [from, to), ascending; stops early when `fn` returns
 * true. Returns whether it stopped early.
 */
export function sparseEach<T>(
  table: SparseTable<T>,
  fn: (key: number, value: T) => boolean | void,
  from = 0,
  to = SPARSE_KEY_LIMIT,
): boolean {
  return eachAt(table, fn as (key: number, value: unknown) => boolean | void, from, to, 0, 0);
}

type Level = Record<number, unknown>;

/** One level of sparseEach: skips children whose span misses [from, to). */
function eachAt(
  record: Level,
  fn: (key: number, value: unknown) => boolean | void,
  from: number,
  to: number,
  level: number,
  base: number,
): boolean {
  const span = 2 ** (24 - 6 * level);
  const child = span / 64;
  for (const digit in record) {
    const at = base + Number(digit) * child;
    if (at + child <= from) continue;
    if (at >= to) return false;
    const value = (record as Record<string, unknown>)[digit];
    if (level === 3 ? fn(at, value) === true : eachAt(value as Level, fn, from, to, level + 1, at))
      return true;
  }
  return false;
}

/** The entry with the largest key ≤ `key`, if any: down the key's own path, else the largest below. */
export function sparseFloor<T>(table: SparseTable<T>, key: number): [number, T] | undefined {
  return key < 0
    ? undefined
    : (floorAt(table, Math.min(key, SPARSE_KEY_LIMIT - 1), 0, 0) as [number, T] | undefined);
}

function floorAt(record: Level, key: number, level: number, base: number): [number, unknown] | undefined {
  const shift = 18 - 6 * level;
  const digit = (key >>> shift) & 63;
  const below = keysOf(record).filter((k) => k <= digit);
  for (let i = below.length - 1; i >= 0; i--) {
    const k = below[i]!;
    const at = base + k * 2 ** shift;
    if (level === 3) return [at, record[k]];
    const child = record[k] as Level;
    const found = k === digit ? floorAt(child, key, level + 1, at) : largestAt(child, level + 1, at);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The largest key under a (never empty: empty records are pruned) subtree. */
function largestAt(record: Level, level: number, base: number): [number, unknown] | undefined {
  const keys = keysOf(record);
  const k = keys[keys.length - 1];
  if (k === undefined) return undefined;
  const at = base + k * 2 ** (18 - 6 * level);
  return level === 3 ? [at, record[k]] : largestAt(record[k] as Level, level + 1, at);
}

/** Number of keys (O(n); for views and invariants). */
export function sparseSize<T>(table: SparseTable<T>): number {
  let n = 0;
  sparseEach(table, () => {
    n++;
  });
  return n;
}

/** Own keys ascending: integer keys of a plain object enumerate in ascending order (ES2020 for-in order). */
function keysOf(record: object): number[] {
  const out: number[] = [];
  for (const k in record) out.push(Number(k));
  return out;
}

function isEmpty(record: object): boolean {
  for (const _ in record) return false;
  return true;
}
