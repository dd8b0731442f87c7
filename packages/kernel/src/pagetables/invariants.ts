/** The PageTableAllocator's assertions (KERNEL-SOURCES.md §1.7), as named invariants. */
import type { Invariant } from "@pagefold/engine";
import { guardedInvariant } from "./guard.js";
import type { KernelState } from "../state.js";
import { bitMapNotFree, bitMapUsed } from "./bitmap.js";
import { checkFreeList } from "./check-free-list.js";
import { geometry } from "./geometry.js";
import { frames, groups, tables } from "./invariants-pages.js";
import { sparseDefect, sparseForEach, sparseGet } from "./sparse.js";

const layout = guardedInvariant(
  "pagetables.layout",
  "the allocator's sparse tables are trees of ≤ 64-entry arrays",
  (state) => {
    const pts = state.pagetables;
    const out: string[] = [];
    for (const [name, table] of [
      ["infos", pts.infos],
      ["ptPages", pts.ptPages],
      ["infoPages", pts.infoPages],
      ["groupCounts", pts.groupCounts],
    ] as const) {
      const why = sparseDefect<unknown>(table);
      if (why !== null) out.push(`${name}: ${why}`);
    }
    return out;
  },
);

const freeLists = guardedInvariant(
  "pagetables.free-lists",
  "TSubAllocator::CheckFreeList: cleanup pages account for whole clusters, the free list holds exactly the rest, each page's free tables contiguous in address order",
  (state) => (state.pagetables.booted ? [...checkFreeList(state, false), ...checkFreeList(state, true)] : []),
);

const watermarks = guardedInvariant(
  "pagetables.watermarks",
  "unpaged pages ≤ LWM, paged pages ≥ UWM, the regions a group apart (no info page mixes them); bitmaps match the committed pages",
  (state) => {
    const pts = state.pagetables;
    if (!pts.booted) return [];
    const g = geometry(state);
    const out: string[] = [];
    if (pts.lowerWaterMark >= (pts.upperWaterMark & ~(g.groupSize - 1)))
      out.push(`LWM ${pts.lowerWaterMark} reaches UWM ${pts.upperWaterMark}'s group`);
    let committed = 0;
    sparseForEach(pts.ptPages, (ptPage) => {
      committed++;
      const paged = sparseGet(pts.infos, ptPage * g.clusterSize)?.paged === true;
      if (paged && (ptPage < pts.upperWaterMark || !bitMapNotFree(pts.upper, g.maxPtPages - 1 - ptPage)))
        out.push(`paged page ${ptPage}: below UWM ${pts.upperWaterMark} or free in iUpperAllocator`);
      if (!paged && (ptPage > pts.lowerWaterMark || !bitMapNotFree(pts.lower, ptPage)))
        out.push(`unpaged page ${ptPage}: above LWM ${pts.lowerWaterMark} or free in iLowerAllocator`);
    });
    const used = bitMapUsed(pts.lower) + bitMapUsed(pts.upper);
    if (used !== committed) out.push(`${used} bitmap positions allocated for ${committed} committed pages`);
    return out;
  },
);

export const pagetablesInvariants: readonly Invariant<KernelState>[] = [
  layout,
  freeLists,
  watermarks,
  groups,
  tables,
  frames,
];
