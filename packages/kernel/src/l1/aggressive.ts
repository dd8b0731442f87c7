/**
 * uvm_pglist.c r1.90 uvm_pglistalloc_contig_aggressive, for one L1 (num = 4 pages, alignment 4
 * pages, no boundary, the whole of RAM): "Allocate pages the normal way and for each new page,
 * check if the page completes a range satisfying the request. The pagedaemon will evict pages as
 * we go and we are very likely to get compatible pages eventually." One caller at a time holds
 * uvm_pglistalloc_contig_lock; the pages it marks (PG_PGLCA) stay its own while it sleeps.
 */
import type { Effect } from "@pagefold/engine";
import { pageAlloc } from "../kmem/pages.js";
import { sparseDelete, sparseEach, sparseGet, sparseSet } from "../sparse-table.js";
import { reclaimable, wakePagedaemon } from "../pdaemon/uvmexp.js";
import { freeFrames, OwnerKind } from "../ram/index.js";
import type { KernelState } from "../state.js";
import type { KernelServices } from "../subsystem.js";
import type { Pglist } from "./contig.js";
import { L1_PAGES } from "./state.js";

/**
 * Enters (or, for the lock holder woken by the page daemon, resumes) the aggressive loop.
 * "lock": another pmap holds the lock; "hoard": asleep in uvm_wait("pglac2") with its marks.
 */
export function aggressive(
  state: KernelState,
  services: KernelServices,
  pmap: number,
  _effects: Effect[],
): Pglist {
  const l1 = state.l1;
  if (l1.contigLock !== 0 && l1.contigLock !== pmap + 1) return "lock";
  if (l1.contigLock === 0) {
    l1.contigLock = pmap + 1; // mutex_enter(&uvm_pglistalloc_contig_lock)
    l1.hoardTag = l1.nextTable++; // the marked frames carry the id the table will have
  }
  // while (uvm_reclaimable()): nothing inside the loop changes what the daemon could reclaim,
  // so the condition is evaluated once per entry (first call, or after uvm_wait).
  if (!reclaimable(state, services)) {
    release(state);
    return -1;
  }
  for (;;) {
    const pfn = pageAlloc(state, services, false, OwnerKind.L1, l1.hoardTag); // uvm_pagealloc(NULL, 0, NULL, 0)
    if (pfn < 0) {
      wakePagedaemon(state); // uvm_wait("pglac2"); continue
      return "hoard";
    }
    sparseSet(l1.hoard, pfn, 1); // pg->flags |= PG_PGLCA; TAILQ_INSERT_HEAD(&tmp, ...)
    l1.hoarded++;
    l1.counters.pagesHoarded++;
    // rlo = roundup2(pa − (num − 1) pages, alignment) is the run's own start for num = alignment,
    // so the only candidate run is the aligned one holding pa; it must lie below rhi (avail_end).
    const run = pfn - (pfn % L1_PAGES);
    if (run + L1_PAGES > state.ram.totalPages || !allMarked(state, run)) continue;
    for (let p = run; p < run + L1_PAGES; p++) sparseDelete(l1.hoard, p); // to the caller's list
    l1.hoarded -= L1_PAGES;
    release(state);
    return { pfn: run, path: "aggressive" };
  }
}

function allMarked(state: KernelState, run: number): boolean {
  for (let p = run; p < run + L1_PAGES; p++) if (sparseGet(state.l1.hoard, p) === undefined) return false;
  return true;
}

/** "Free all the pages that we didn't need", then mutex_exit(&uvm_pglistalloc_contig_lock). */
function release(state: KernelState): void {
  const l1 = state.l1;
  const marked: number[] = [];
  sparseEach(l1.hoard, (pfn) => void marked.push(pfn));
  for (const pfn of marked) {
    sparseDelete(l1.hoard, pfn);
    freeFrames(state.ram, pfn, 1);
  }
  l1.hoarded = 0;
  l1.contigLock = 0;
}
