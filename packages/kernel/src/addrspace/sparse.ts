/**
 * A sparse table of values keyed by integer ids below 2^24: a fixed four-level tree of records of at
 * most 64 entries (id bits 23..18, 17..12, 11..6, 5..0), created on write and pruned on delete.
 * It holds the kernel's pointer-linked objects (address spaces, page-table entries, B+tree nodes)
 * as plain data: a drafted write copies four small records, and iteration runs in ascending id
 * order (integer-like keys enumerate in ascending order), so walks are deterministic.
 */
export type Sparse<T> = Record<number, Record<number, Record<number, Record<number, T>>>>;

export const SPARSE_LIMIT = 2 ** 24;

export function sparseGet<T>(table: Sparse<T>, id: number): T | undefined {
  return table[id >>> 18]?.[(id >>> 12) & 63]?.[(id >>> 6) & 63]?.[id & 63];
}

export function sparseSet<T>(table: Sparse<T>, id: number, value: T): void {
  if (!(id >= 0 && id < SPARSE_LIMIT && Number.isInteger(id))) throw new RangeError(`sparse id ${id}`);
  const a = (table[id >>> 18] ??= {});
  const b = (a[(id >>> 12) & 63] ??= {});
  const c = (b[(id >>> 6) & 63] ??= {});
  c[id & 63] = value;
}

/** Removes `id`, pruning records left empty; removing an absent id does nothing. */
export function sparseDelete<T>(table: Sparse<T>, id: number): void {
  const ka = id >>> 18;
  const kb = (id >>> 12) & 63;
  const kc = (id >>> 6) & 63;
  const a = table[ka];
  const b = a?.[kb];
  const c = b?.[kc];
  if (c === undefined || !((id & 63) in c)) return;
  delete c[id & 63];
  if (isEmpty(c)) delete b![kc];
  if (isEmpty(b!)) delete a![kb];
  if (isEmpty(a!)) delete table[ka];
}

/** Calls `fn` for every entry in ascending id order; `fn` returning true stops the walk. */
export function sparseEach<T>(table: Sparse<T>, fn: (id: number, value: T) => boolean | void): void {
  for (const ka in table) {
    const a = table[ka]!;
    for (const kb in a) {
      const b = a[kb]!;
      for (const kc in b) {
        const c = b[kc]!;
        const base = (Number(ka) << 18) | (Number(kb) << 12) | (Number(kc) << 6);
        for (const kd in c) if (fn(base | Number(kd), c[kd]!) === true) return;
      }
    }
  }
}

/** Number of entries (a full walk). */
export function sparseSize<T>(table: Sparse<T>): number {
  let n = 0;
  sparseEach(table, () => {
    n++;
  });
  return n;
}

function isEmpty(record: object): boolean {
  for (const _ in record) return false;
  return true;
}
