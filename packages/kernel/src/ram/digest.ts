import { Hasher } from "@pagefold/engine";
import { NODE_STRIDE, type RamState } from "./state.js";
import { forEachLeaf, type Table } from "./table.js";

/**
 * The ram slice's digest: its counters, then every table entry in order, one hash round per
 * entry (entries above 2^31 take the hasher's number path). The tables' shapes follow from the
 * counters (ram.layout checks them), so equal slices give equal digests however they were reached.
 * Hand-written rather than the generic walk: digests are taken at every replay checkpoint.
 */
export function ramDigest(ram: RamState): string {
  const h = new Hasher()
    .number(ram.totalPages)
    .number(ram.freePages)
    .number(ram.allocations)
    .number(ram.words)
    .number(ram.leaves)
    .value(ram.ownedFrames);
  hashTable(h, ram.bitmap, ram.words);
  hashTable(h, ram.summary, 2 * ram.leaves * NODE_STRIDE);
  hashTable(h, ram.frames, ram.totalPages);
  return h.hex();
}

function hashTable(h: Hasher, table: Table, size: number): void {
  forEachLeaf(table, size, (leaf) => {
    for (let i = 0; i < leaf.length; i++) {
      const x = leaf[i]!;
      if ((x | 0) === x) h.word(x);
      else h.number(x);
    }
  });
}
