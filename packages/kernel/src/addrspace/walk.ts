/** Read-only walks over the slice for invariants and views. */
import { PAGE_SIZE } from "./constants.js";
import { leafEntries } from "./btree/search.js";
import { sparseEach, sparseGet } from "../sparse-table.js";
import type { AddressSpace, AddrspaceState, Area } from "./state.js";

export interface AreaRef {
  readonly as: AddressSpace;
  readonly id: number;
  readonly area: Area;
}

/** Every area reachable from an address space's area tree, by address space then base. */
export function reachableAreas(s: AddrspaceState): AreaRef[] {
  const out: AreaRef[] = [];
  sparseEach(s.spaces, (_, as) => {
    for (const [, id] of leafEntries(as.areas)) {
      const area = sparseGet(s.areas, id);
      if (area !== undefined) out.push({ as, id, area });
    }
  });
  return out;
}

/** The used pages of an area, in order (each interval expanded). */
export function usedPages(area: Area): number[] {
  const pages: number[] = [];
  for (const [start, count] of leafEntries(area.usedSpace)) {
    for (let i = 0; i < count; i++) pages.push(start + i * PAGE_SIZE);
  }
  return pages;
}

/** A byte range as 64-bit numbers: [start, end) without the 32-bit wrap. */
export function extent(area: Area): [number, number] {
  return [area.base, area.base + area.pages * PAGE_SIZE];
}

/** Runs a check over untrusted state: a structure it cannot walk is a violation, not a crash. */
export function guarded<S>(check: (s: S) => string[]): (s: S) => string[] {
  return (s) => {
    try {
      return check(s).slice(0, 8);
    } catch (thrown) {
      return [
        `the addrspace slice is malformed: ${thrown instanceof Error ? thrown.message : String(thrown)}`,
      ];
    }
  };
}
