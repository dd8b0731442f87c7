/**
 * The address spaces' invariants (KERNEL-SOURCES.md §3.6): areas, used space and page tables.
 * Frames and shares are in invariants-frames.ts, ASIDs and mutexes in invariants-asid.ts. Which
 * seed behaviours break which invariant is recorded in test/helenos/defects.test.ts.
 */
import type { Invariant } from "@pagefold/engine";
import type { KernelState } from "../state.js";
import { hex } from "./addr.js";
import { ADDRESS_LIMIT, PAGE_SIZE, USER_ADDRESS_SPACE_END } from "./constants.js";
import { pteFrame } from "./mapping.js";
import { leafEntries } from "./btree/search.js";
import { sparseEach, sparseGet } from "../sparse-table.js";
import { extent, guarded, reachableAreas, usedPages } from "./walk.js";
import { asidInvariants } from "./invariants-asid.js";
import { frameInvariants } from "./invariants-frames.js";

const areas: Invariant<KernelState> = {
  name: "addrspace.areas",
  description: "each address space's areas are live, disjoint, clear of the NULL page and inside user space",
  check: (state) =>
    guarded((s: KernelState["addrspace"]) => {
      const out: string[] = [];
      let previous: { as: number; end: number } | undefined;
      for (const { as, area } of reachableAreas(s)) {
        const [start, end] = extent(area);
        const name = `area ${hex(area.base)} of address space ${as.id}`;
        if (area.freed) out.push(`${name} was freed but is still in the area tree`);
        if (start < PAGE_SIZE || end > ADDRESS_LIMIT) out.push(`${name} covers the NULL page`);
        if (end - 1 > USER_ADDRESS_SPACE_END) out.push(`${name} reaches into kernel space`);
        if (previous?.as === as.id && start < previous.end) out.push(`${name} overlaps the area below it`);
        previous = { as: as.id, end };
      }
      return out;
    })(state.addrspace),
};

const usedSpace: Invariant<KernelState> = {
  name: "addrspace.used-space",
  description:
    "used-space intervals are page aligned, disjoint, merged (never adjacent) and inside their area",
  check: (state) =>
    guarded((s: KernelState["addrspace"]) => {
      const out: string[] = [];
      for (const { as, area } of reachableAreas(s)) {
        if (area.freed) continue;
        const [start, end] = extent(area);
        let last = -1;
        for (const [page, count] of leafEntries(area.usedSpace)) {
          const name = `used ${hex(page)}+${count} of area ${hex(area.base)} (address space ${as.id})`;
          if (page % PAGE_SIZE !== 0 || count < 1) out.push(`${name} is not a page interval`);
          if (page < last) out.push(`${name} overlaps or precedes the interval before it`);
          else if (page === last) out.push(`${name} is adjacent to the interval before it (not merged)`);
          if (page < start || page + count * PAGE_SIZE > end) out.push(`${name} lies outside the area`);
          last = page + count * PAGE_SIZE;
        }
      }
      return out;
    })(state.addrspace),
};

const usedMapped: Invariant<KernelState> = {
  name: "addrspace.used-mapped",
  description: "every used page is mapped, and every mapped page is used by an area of its address space",
  check: (state) =>
    guarded((s: KernelState["addrspace"]) => {
      const out: string[] = [];
      const used = new Set<string>();
      for (const { as, area } of reachableAreas(s)) {
        if (area.freed) continue;
        for (const page of usedPages(area)) {
          used.add(`${as.id}:${page}`);
          if (sparseGet(as.ptes, page / PAGE_SIZE) === undefined) {
            out.push(`used page ${hex(page)} of address space ${as.id} is not mapped`);
          }
        }
      }
      sparseEach(s.spaces, (_, as) => {
        sparseEach(as.ptes, (vpn, pte) => {
          if (!used.has(`${as.id}:${vpn * PAGE_SIZE}`)) {
            out.push(
              `page ${hex(vpn * PAGE_SIZE)} of address space ${as.id} maps frame ${pteFrame(pte)} but is not used`,
            );
          }
        });
      });
      return out;
    })(state.addrspace),
};

export const addrspaceInvariants: readonly Invariant<KernelState>[] = [
  areas,
  usedSpace,
  usedMapped,
  ...frameInvariants,
  ...asidInvariants,
];
