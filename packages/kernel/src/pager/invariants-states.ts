/** DPager's page-state assertions (KERNEL-SOURCES.md §1.7): states, owners, PTEs. */
import { entryKind, frameEntryOf, OwnerKind } from "../ram/state.js";
import { guardedInvariant } from "../pagetables/guard.js";
import { sparseDefect, sparseForEach, sparseGet } from "../pagetables/sparse.js";
import { NIL } from "../pagetables/state.js";
import { listFor } from "./lists.js";
import { FrameUse, PagedState } from "./state.js";

export const states = guardedInvariant(
  "pager.states",
  "page states agree with list membership, pins and owners; resident pages and pins name their frames; dirty pages counted",
  (state) => {
    const pager = state.pager;
    const out: string[] = [];
    let dirty = 0;
    const liveList = state.config.pager.policy === "live-list";
    sparseForEach(pager.frames, (pfn, frame) => {
      if (frame.dirty) dirty++;
      if (frame.pinCount > 0 !== (frame.state === PagedState.Pinned))
        out.push(`frame ${pfn}: pin count ${frame.pinCount} in state ${frame.state}`);
      if (listFor(pager, frame.state) === null && (frame.prev !== NIL || frame.next !== NIL))
        out.push(`frame ${pfn} is linked but on no list`);
      if (
        !liveList &&
        frame.use !== FrameUse.Unused &&
        frame.state !== PagedState.Young &&
        listFor(pager, frame.state) !== null
      )
        out.push(`policy ${state.config.pager.policy}: frame ${pfn} is aged`);
      if (entryKind(frameEntryOf(state.ram, pfn)) !== OwnerKind.Pager)
        out.push(`frame ${pfn} is not a pager frame in ram`);
      if (frame.use === FrameUse.Unused && (frame.owner !== NIL || frame.dirty))
        out.push(`free frame ${pfn} has an owner or is dirty`);
      if (frame.use === FrameUse.Content && sparseGet(pager.pages, frame.owner)?.pfn !== pfn)
        out.push(`frame ${pfn} holds page ${frame.owner}, which is elsewhere`);
      if (frame.use === FrameUse.PtPage && sparseGet(state.pagetables.ptPages, frame.owner) !== pfn)
        out.push(`frame ${pfn} is not PT page ${frame.owner}`);
      if (frame.use === FrameUse.PtInfo && sparseGet(state.pagetables.infoPages, frame.owner) !== pfn)
        out.push(`frame ${pfn} is not info page ${frame.owner}`);
    });
    if (dirty !== pager.numberOfDirtyPages)
      out.push(`${dirty} dirty frames, iNumberOfDirtyPages ${pager.numberOfDirtyPages}`);
    sparseForEach(pager.pages, (key, page) => {
      const frame = sparseGet(pager.frames, page.pfn);
      if (frame?.use !== FrameUse.Content || frame.owner !== key)
        out.push(`page ${key}'s frame ${page.pfn} does not hold it`);
    });
    sparseForEach(pager.pins, (key, pfn) => {
      if (sparseGet(pager.frames, pfn)?.state !== PagedState.Pinned)
        out.push(`pin of page ${key} names unpinned frame ${pfn}`);
    });
    for (const [name, table] of [
      ["frames", pager.frames],
      ["pages", pager.pages],
      ["pins", pager.pins],
      ["ptes", pager.ptes],
    ] as const) {
      const why = sparseDefect<unknown>(table);
      if (why !== null) out.push(`${name}: ${why}`);
    }
    return out;
  },
);

export const ptes = guardedInvariant(
  "pager.ptes",
  "every PTE is on its page's list and its table's list, and names a resident page",
  (state) => {
    const pager = state.pager;
    const out: string[] = [];
    let linked = 0;
    sparseForEach(pager.pages, (key, page) => {
      for (let id = page.pteHead, n = 0; id !== NIL && n <= pager.ptes.size; n++) {
        const pte = sparseGet(pager.ptes, id);
        if (pte?.page !== key) {
          out.push(`page ${key}'s PTE ${id} is not its own`);
          break;
        }
        if (pte.pt !== NIL && sparseGet(state.pagetables.infos, pte.pt)?.used !== true)
          out.push(`PTE ${id} is in unallocated table ${pte.pt}`);
        linked++;
        id = pte.pageNext;
      }
    });
    if (linked !== pager.ptes.size)
      out.push(`${pager.ptes.size} PTEs exist, ${linked} are on resident pages' lists`);
    return out;
  },
);
