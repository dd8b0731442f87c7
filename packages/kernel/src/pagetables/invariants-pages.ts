/** The PageTableAllocator's page accounting (KERNEL-SOURCES.md §1.7): groups, tables, frames. */
import { entryKind, entryTag, frameEntryOf, OwnerKind } from "../ram/state.js";
import { FrameUse, PagedState } from "../pager/state.js";
import { geometry } from "./geometry.js";
import { guardedInvariant } from "./guard.js";
import { sparseForEach, sparseGet } from "./sparse.js";
import { NIL } from "./state.js";

export const groups = guardedInvariant(
  "pagetables.groups",
  "iPageTableGroupCounts[g] = committed PT pages of group g; the group's info page is committed iff that count > 0",
  (state) => {
    const pts = state.pagetables;
    const g = geometry(state);
    const counts = new Map<number, number>();
    sparseForEach(pts.ptPages, (ptPage) => {
      const group = Math.floor(ptPage / g.groupSize);
      counts.set(group, (counts.get(group) ?? 0) + 1);
    });
    const out: string[] = [];
    sparseForEach(pts.groupCounts, (group, count) => {
      if (counts.get(group) !== count)
        out.push(`group ${group} counts ${count}, has ${counts.get(group) ?? 0} pages`);
      if (sparseGet(pts.infoPages, group) === undefined)
        out.push(`group ${group} has pages but no info page`);
    });
    for (const group of counts.keys())
      if (sparseGet(pts.groupCounts, group) === undefined) out.push(`group ${group} has pages but count 0`);
    sparseForEach(pts.infoPages, (group) => {
      if (sparseGet(pts.groupCounts, group) === undefined)
        out.push(`info page of empty group ${group} is committed`);
    });
    return out;
  },
);

export const tables = guardedInvariant(
  "pagetables.tables",
  "unused tables have permanence 0, no pages and no pins; every cluster of a committed page exists; page counts equal PTEs",
  (state) => {
    const pts = state.pagetables;
    const g = geometry(state);
    const out: string[] = [];
    let used = 0;
    sparseForEach(pts.infos, (pt, info) => {
      if (sparseGet(pts.ptPages, Math.floor(pt / g.clusterSize)) === undefined)
        out.push(`table ${pt} has no committed page`);
      if (info.used) used++;
      else if (info.permanence !== 0 || info.pageCount !== 0 || info.pins !== 0 || info.pteHead !== NIL)
        out.push(
          `unused table ${pt} has permanence ${info.permanence}, ${info.pageCount} pages, ${info.pins} pins`,
        );
      if (info.pins > 0) {
        const pfn = sparseGet(pts.ptPages, Math.floor(pt / g.clusterSize));
        const frame = pfn === undefined ? undefined : sparseGet(state.pager.frames, pfn);
        if (!info.paged || frame?.state !== PagedState.Pinned)
          out.push(`table ${pt} is pinned ${info.pins} times but its page is not a pinned paged page`);
      }
      if (info.onCleanupList && pt % g.clusterSize !== 0)
        out.push(`table ${pt} is on a cleanup list but not first in its page`);
      let ptes = 0;
      for (let id = info.pteHead; id !== NIL && ptes <= info.pageCount; ptes++)
        id = sparseGet(state.pager.ptes, id)?.ptNext ?? NIL;
      if (ptes !== info.pageCount)
        out.push(`table ${pt} counts ${info.pageCount} pages but has ${ptes} PTEs`);
    });
    sparseForEach(pts.ptPages, (ptPage) => {
      for (let pt = ptPage * g.clusterSize; pt < (ptPage + 1) * g.clusterSize; pt++)
        if (sparseGet(pts.infos, pt) === undefined)
          out.push(`committed page ${ptPage} lacks table ${pt}'s info`);
    });
    if (used !== pts.inUse) out.push(`${used} tables in use, inUse says ${pts.inUse}`);
    return out;
  },
);

export const frames = guardedInvariant(
  "pagetables.frames",
  "unpaged PT and info pages are fixed ram frames of pagetables; paged ones are pager frames holding them; only paged PT pages are pinned",
  (state) => {
    const pts = state.pagetables;
    const g = geometry(state);
    const out: string[] = [];
    let pinnedPtPages = 0;
    const check = (index: number, pfn: number, info: boolean): void => {
      const frame = sparseGet(state.pager.frames, pfn);
      const what = `${info ? "info" : "PT"} page ${index} (frame ${pfn})`;
      if (frame === undefined) {
        const entry = frameEntryOf(state.ram, pfn);
        const tag = info ? g.maxPtPages + index : index;
        if (entryKind(entry) !== OwnerKind.PageTables || entryTag(entry) !== tag)
          out.push(`${what} is not a pagetables frame`);
        const first = info ? undefined : sparseGet(pts.infos, index * g.clusterSize);
        if (first?.paged === true) out.push(`paged ${what} is not a pager frame`);
        return;
      }
      if (frame.use !== (info ? FrameUse.PtInfo : FrameUse.PtPage) || frame.owner !== index)
        out.push(`${what}: its pager frame holds use ${frame.use} of ${frame.owner}`);
      if (!info && frame.state === PagedState.Pinned) pinnedPtPages++;
    };
    sparseForEach(pts.ptPages, (index, pfn) => check(index, pfn, false));
    sparseForEach(pts.infoPages, (index, pfn) => check(index, pfn, true));
    if (state.config.revisions.pagetables === "2010" && pinnedPtPages !== pts.pinnedPtPages)
      out.push(`${pinnedPtPages} PT pages pinned, iPinnedPageTablePages says ${pts.pinnedPtPages}`);
    return out;
  },
);
