/**
 * The page daemon's numbers and wake test (uvmexp), shared by everything that allocates pages:
 * the thresholds of uvmpd_tune, the reserves of uvm_page_init, and the test with which
 * uvm_pagealloc, uvm_pglistalloc (UVM_KICK_PDAEMON) and uvm_kick_pdaemon decide to wake the
 * daemon. The test counts free pages only: fragmentation and alignment are never a condition
 * (KERNEL-SOURCES.md §2.3), which is the whole of seed 002's problem.
 */
import { freePages } from "../kmem/maps.js";
import { lookupMap } from "../kmem/state.js";
import type { KernelState } from "../state.js";
import type { KernelServices } from "../subsystem.js";

/** uvm_page.c uvm_page_init: "init reserve thresholds". */
export const RESERVE_PAGEDAEMON = 1;
export const RESERVE_KERNEL = 5;

/** The daemon's own state: a pending wakeup and uvmexp's daemon counters. */
export interface PdaemonState {
  /** thread_wakeup(&uvm.pagedaemon) happened since the daemon last ran. */
  wanted: boolean;
  /** uvmexp.pdwoke: passes of the daemon's loop. */
  woke: number;
  /** Passes that found enough free pages and went back to sleep. */
  enoughFree: number;
  /** Passes that scanned (free below target) and pages they freed. */
  scans: number;
  freed: number;
  /** Wakeups requested by allocators (UVM_KICK_PDAEMON that fired, uvm_wait). */
  kicks: number;
}

export const initPdaemon = (): PdaemonState => ({
  wanted: false,
  woke: 0,
  enoughFree: 0,
  scans: 0,
  freed: 0,
  kicks: 0,
});

export interface Uvmexp {
  readonly free: number;
  readonly freemin: number;
  readonly freetarg: number;
  readonly inactive: number;
  /** (active + inactive) / 3 at least freetarg + 1; active pages are not visible to the model,
   * so the floor freetarg + 1 is used. */
  readonly inactarg: number;
}

/**
 * uvmpd_tune. 1998 (the seed's era): freemin = npages/20 within [16 KiB, 256 KiB] in pages.
 * 2012 (NetBSD 2.x to 7): npages/30 within [16 KiB, 512 KiB], at least reserve_kernel + 1.
 * freetarg = freemin·4/3, at least freemin + 1.
 */
export function tune(npages: number, era: "1998" | "2012"): { freemin: number; freetarg: number } {
  let freemin = Math.floor(npages / (era === "1998" ? 20 : 30));
  freemin = Math.max(freemin, (16 * 1024) / 4096);
  freemin = Math.min(freemin, ((era === "1998" ? 256 : 512) * 1024) / 4096);
  if (era === "2012") freemin = Math.max(freemin, RESERVE_KERNEL + 1);
  let freetarg = Math.floor((freemin * 4) / 3);
  if (freetarg <= freemin) freetarg = freemin + 1;
  return { freemin, freetarg };
}

export function uvmexp(state: KernelState, services: KernelServices): Uvmexp {
  const { freemin, freetarg } = tune(state.ram.totalPages, state.config.revisions.kmem);
  const inactive = services.inactivePages(state);
  return { free: state.ram.freePages, freemin, freetarg, inactive, inactarg: freetarg + 1 };
}

/**
 * UVM_KICK_PDAEMON (uvm.h) / uvm_kick_pdaemon: free < freemin, or free < freetarg with too few
 * inactive pages; from 2012 also uvm_km_va_starved_p (kmem_map, standing for kmem_arena, has
 * under a tenth of its address space free). The model has no pageout in flight (paging = 0).
 * Inactive pages are only counted when free is under the target (the count may cost a walk).
 */
export function needsPagedaemon(state: KernelState, services: KernelServices): boolean {
  const { freemin, freetarg } = tune(state.ram.totalPages, state.config.revisions.kmem);
  const free = state.ram.freePages;
  if (free < freemin) return true;
  if (free < freetarg && services.inactivePages(state) < freetarg + 1) return true;
  if (state.config.revisions.kmem !== "2012") return false;
  const kmemMap = lookupMap(state.kmem, "kmem_map");
  return kmemMap !== undefined && freePages(kmemMap) < (kmemMap.max - kmemMap.min) / 10;
}

/** The conditional kick of uvm_pagealloc and uvm_pglistalloc; returns whether it woke the daemon. */
export function kickPagedaemon(state: KernelState, services: KernelServices): boolean {
  if (!needsPagedaemon(state, services)) return false;
  wakePagedaemon(state);
  return true;
}

/** uvm_wait's unconditional thread_wakeup(&uvm.pagedaemon). */
export function wakePagedaemon(state: KernelState): void {
  state.pdaemon.kicks++;
  state.pdaemon.wanted = true;
}

/**
 * uvm_reclaimable (uvm_pdaemon.c, used by r1.90's aggressive contig allocation): true while swap
 * is not full or file pages remain. The model has no swap device or file cache of its own: anything
 * a reclaimer (inactive anonymous pages) can give back stands for both.
 */
export function reclaimable(state: KernelState, services: KernelServices): boolean {
  return services.inactivePages(state) > 0;
}
