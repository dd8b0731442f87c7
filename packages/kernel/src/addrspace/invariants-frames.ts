/** The address spaces' frame and share invariants. */
import type { Invariant } from "@pagefold/engine";
import type { KernelState } from "../state.js";
import { frameOwner } from "../ram/allocator.js";
import { forEachOwnedFrame, OwnerKind } from "../ram/state.js";
import { hex, sub32 } from "./addr.js";
import { btreeSearch, leafEntries } from "./btree/search.js";
import { PAGE_SIZE } from "./constants.js";
import { toFrame, toPfn } from "./frames.js";
import { pteFrame } from "./mapping.js";
import { sparseEach, sparseGet } from "../sparse-table.js";
import { guarded, reachableAreas, usedPages } from "./walk.js";

const shareRefcount: Invariant<KernelState> = {
  name: "addrspace.share-refcount",
  description: "a share's reference count equals the number of areas sharing it; no area shares a freed one",
  check: (state) =>
    guarded((s: KernelState["addrspace"]) => {
      const holders = new Map<number, number>();
      const out: string[] = [];
      for (const { as, area } of reachableAreas(s)) {
        if (area.freed || area.share === 0) continue;
        holders.set(area.share, (holders.get(area.share) ?? 0) + 1);
        const share = sparseGet(s.shares, area.share);
        if (share === undefined || share.refcount === 0) {
          out.push(`area ${hex(area.base)} of address space ${as.id} shares freed share ${area.share}`);
        }
      }
      sparseEach(s.shares, (id, share) => {
        const n = holders.get(id) ?? 0;
        if (share.refcount !== 0 && share.refcount !== n)
          out.push(`share ${id}: refcount ${share.refcount}, ${n} areas`);
      });
      return out;
    })(state.addrspace),
};

const shareFrames: Invariant<KernelState> = {
  name: "addrspace.share-frames",
  description: "every resident page of a shared area maps the frame its share's pagemap records for it",
  check: (state) =>
    guarded((s: KernelState["addrspace"]) => {
      const out: string[] = [];
      for (const { as, area } of reachableAreas(s)) {
        const share = area.freed || area.share === 0 ? undefined : sparseGet(s.shares, area.share);
        if (share === undefined) continue;
        for (const page of usedPages(area)) {
          const pte = sparseGet(as.ptes, page / PAGE_SIZE);
          const recorded = btreeSearch(share.pagemap, sub32(page, area.base), true).value;
          if (pte !== undefined && (recorded === 0 || pteFrame(pte) !== recorded)) {
            const what = recorded === 0 ? "nothing" : `frame ${recorded}`;
            out.push(
              `page ${hex(page)} of address space ${as.id} maps frame ${pteFrame(pte)}; share ${area.share} records ${what}`,
            );
          }
        }
      }
      return out;
    })(state.addrspace),
};

/** Who refers to each frame: mappings in private anon areas, in shared ones, pagemap entries. */
interface Holders {
  private: number;
  mapped: number;
  entries: number;
}

function holders(s: KernelState["addrspace"]): Map<number, Holders> {
  const refs = new Map<number, Holders>();
  const holder = (frame: number): Holders => {
    const h = refs.get(frame) ?? { private: 0, mapped: 0, entries: 0 };
    refs.set(frame, h);
    return h;
  };
  for (const { as, area } of reachableAreas(s)) {
    if (area.freed || area.backend !== "anon") continue;
    for (const page of usedPages(area)) {
      const pte = sparseGet(as.ptes, page / PAGE_SIZE);
      if (pte !== undefined) holder(pteFrame(pte))[area.share === 0 ? "private" : "mapped"]++;
    }
  }
  sparseEach(s.shares, (_, share) => {
    for (const [, frame] of leafEntries(share.pagemap)) holder(frame).entries++;
  });
  return refs;
}

const frames: Invariant<KernelState> = {
  name: "addrspace.frames",
  description:
    "each anonymous frame belongs to one private mapping or to one share (mapped only by its areas), " +
    "ram's Anon owner holds it, its reference count equals its references, and none leaks",
  check: (state) =>
    guarded((s: KernelState["addrspace"]) => {
      const ram = state.ram;
      const refs = holders(s);
      const out: string[] = [];
      for (const [frame, h] of refs) {
        const pfn = toPfn(frame);
        const owner = pfn >= 0 && pfn < ram.totalPages ? frameOwner(ram, pfn) : null;
        const total = h.private + h.mapped + h.entries;
        if (owner?.kind !== OwnerKind.Anon) {
          out.push(
            `frame ${pfn} is referenced but ${owner === null ? "is free or outside RAM" : `belongs to ${owner.owner}`}`,
          );
        } else if ((sparseGet(s.frameRefs, pfn) ?? 0) !== total) {
          out.push(
            `frame ${pfn} has reference count ${sparseGet(s.frameRefs, pfn) ?? 0} but ${total} references`,
          );
        }
        if (h.private > 1 || (h.private === 1 && h.entries + h.mapped > 0))
          out.push(`frame ${pfn} has two owners`);
        if (h.entries > 1) out.push(`frame ${pfn} is in ${h.entries} pagemap entries`);
        if (h.mapped > 0 && h.entries === 0)
          out.push(`frame ${pfn} is mapped by shared areas but in no pagemap`);
      }
      sparseEach(s.frameRefs, (pfn) => {
        if (!refs.has(toFrame(pfn))) out.push(`frame ${pfn} leaked: allocated, nothing refers to it`);
      });
      forEachOwnedFrame(ram, OwnerKind.Anon, (pfn) => {
        if (sparseGet(s.frameRefs, pfn) === undefined)
          out.push(`frame ${pfn} belongs to anon in ram but has no reference count`);
      });
      return out;
    })(state.addrspace),
};

export const frameInvariants: readonly Invariant<KernelState>[] = [shareRefcount, shareFrames, frames];
