/**
 * The address spaces' part of the page daemon (Reclaimer): anonymous pages of private areas in
 * address spaces no CPU runs, taken back like a swap-out would (HelenOS 2006 has no swap: this is
 * the model's extension for pdaemon.run, with content not modelled). A reclaimed page leaves the
 * used space and the page table, so the next fault on it allocates a fresh frame.
 *
 * Order: address spaces by when they last stopped running (never-run ones first, then the
 * inactive list's order, ties by id); within one, areas by base; within an area, pages from the
 * top, by the same used_space_remove call as_area_resize makes when shrinking by one page (the
 * only removal patterns the seed itself uses). Shared pages stay (other areas map them), running
 * address spaces keep their working set, and a page whose frame the model cannot account for
 * (revision 2006's premature frees) is skipped rather than freed twice.
 */
import type { Effect } from "@pagefold/engine";
import type { KernelState } from "../state.js";
import type { Reclaimer } from "../subsystem.js";
import { add32, pagesToBytes } from "./addr.js";
import { leafEntries } from "./btree/search.js";
import { node } from "./btree/node.js";
import { context, type Ctx } from "./context.js";
import { toPfn } from "./frames.js";
import { pageMappingFind, pteFrame } from "./mapping.js";
import { frameOwner } from "../ram/allocator.js";
import { OwnerKind } from "../ram/state.js";
import { releasePage } from "./release.js";
import { sparseEach, sparseGet } from "../sparse-table.js";
import type { AddressSpace, Area } from "./state.js";
import { usedSpaceRemove } from "./used-remove.js";

/** Inactive address spaces in reclaim order with their reclaimable areas (lowest base first). */
function victims(ctx: Ctx): Array<{ as: AddressSpace; areas: Area[] }> {
  const out: Array<{ as: AddressSpace; areas: Area[] }> = [];
  sparseEach(ctx.s.spaces, (_, as) => {
    if (as.cpuRefcount !== 0 || as.hung !== "") return;
    const areas: Area[] = [];
    for (const [, id] of leafEntries(as.areas)) {
      const area = sparseGet(ctx.s.areas, id);
      if (area !== undefined && !area.freed && area.backend === "anon" && area.share === 0) areas.push(area);
    }
    if (areas.length > 0) out.push({ as, areas });
  });
  return out.sort((a, b) => a.as.lastRun - b.as.lastRun || a.as.id - b.as.id);
}

const usedPages = (area: Area): number => leafEntries(area.usedSpace).reduce((n, [, c]) => n + c, 0);

/** The top used page of the area when it can go: mapped to a RAM frame only this mapping holds. */
function topPage(ctx: Ctx, as: AddressSpace, area: Area): number | undefined {
  const t = area.usedSpace;
  const last = node(t, t.last);
  if (last.keys === 0) return undefined;
  const page = add32(last.key[last.keys - 1]!, pagesToBytes(last.value[last.keys - 1]! - 1));
  const pte = pageMappingFind(as, page);
  if (pte === undefined) return undefined;
  const pfn = toPfn(pteFrame(pte));
  if (pfn < 0 || pfn >= ctx.state.ram.totalPages || frameOwner(ctx.state.ram, pfn)?.kind !== OwnerKind.Anon) {
    return undefined;
  }
  return sparseGet(ctx.s.frameRefs, pfn) === 1 ? page : undefined;
}

export const addrspaceReclaimer: Reclaimer = {
  inactive(state: KernelState): number {
    let pages = 0;
    for (const { areas } of victims(context(state))) for (const area of areas) pages += usedPages(area);
    return pages;
  },
  reclaim(state: KernelState, pages: number, effects: Effect[]): number {
    const ctx = context(state);
    let freed = 0;
    for (const { as, areas } of victims(ctx)) {
      for (const area of areas) {
        let taken = 0;
        for (
          let page = topPage(ctx, as, area);
          page !== undefined && freed < pages;
          page = topPage(ctx, as, area)
        ) {
          if (!usedSpaceRemove(area.usedSpace, page, 1, ctx.fixed))
            throw new Error(`cannot page out ${page}`);
          freed += releasePage(ctx, as, area, page);
          taken++;
        }
        if (taken > 0)
          effects.push({ kind: "as.pageout", as: as.id, asid: as.asid, area: area.base, pages: taken });
        if (freed >= pages) return freed;
      }
    }
    return freed;
  },
};
