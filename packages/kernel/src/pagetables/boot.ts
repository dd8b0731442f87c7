import type { KernelState } from "../state.js";
import { allocFrames } from "../ram/allocator.js";
import { OwnerKind } from "../ram/state.js";
import { bitMapAllocRange } from "./bitmap.js";
import { geometry, is2010 } from "./geometry.js";
import { queueAdd } from "./links.js";
import { KernelPanic } from "./panic.js";
import { sparseSet } from "./sparse.js";
import { NIL } from "./state.js";

/**
 * The bootstrap's page tables: one page, whose first table maps the page-table array itself
 * (Init2 "assumes the first page table is used to map page tables"); the others are free.
 */
const BOOT_PT_PAGES = 1;

/**
 * mptalloc.cpp PageTableAllocator::Init2: adopt the bootstrap's page (its frame and its group's
 * info page come from RAM), Boot() the used table (permanence 1), put the unused ones on the
 * unpaged free list, mark the page in iLowerAllocator, LWM = pages - 1, and set the UWM
 * (2009: KMaxPageTablePages; 2010: KMaxPageTablePages - KMinUnpinnedPagedPtPages).
 * Both sub-allocators keep KNumReservedPageTables = 0 in reserve, so their Init2 allocates nothing.
 */
export function initPageTableAllocator(state: KernelState): void {
  const pts = state.pagetables;
  const g = geometry(state);
  const ptPfn = allocFrames(state.ram, 1, 0, OwnerKind.PageTables, 0, false);
  const infoPfn = ptPfn < 0 ? -1 : allocFrames(state.ram, 1, 0, OwnerKind.PageTables, g.maxPtPages, false);
  if (infoPfn < 0) throw new KernelPanic("mptalloc.cpp Init2: no RAM for the bootstrap's page tables");
  sparseSet(pts.ptPages, 0, ptPfn);
  sparseSet(pts.infoPages, 0, infoPfn);
  for (let pt = 0; pt < BOOT_PT_PAGES * g.clusterSize; pt++) {
    const boot = pt === 0;
    sparseSet(pts.infos, pt, {
      used: boot,
      paged: false,
      onCleanupList: false,
      pageCount: 0,
      permanence: boot ? 1 : 0,
      prev: NIL,
      next: NIL,
      pins: 0,
      pteHead: NIL,
    });
    if (!boot) {
      queueAdd(pts, pts.unpaged, "free", pt);
      pts.unpaged.freeCount++;
    }
  }
  bitMapAllocRange(pts.lower, 0, BOOT_PT_PAGES);
  pts.lowerWaterMark = BOOT_PT_PAGES - 1;
  pts.upperWaterMark = is2010(state) ? g.maxPtPages - g.minUnpinnedPagedPtPages : g.maxPtPages;
  sparseSet(pts.groupCounts, 0, BOOT_PT_PAGES);
  pts.inUse = 1;
  pts.booted = true;
}
