/**
 * uvm_pglistalloc(L1_TABLE_SIZE, physical_start, physical_end, L1_TABLE_SIZE, 0, &plist, 1,
 * waitok) as each revision's UVM answers pmap_alloc_l1pt. Its frames are tagged with the id the
 * table will get, so the tag names the table.
 */
import type { Effect } from "@pagefold/engine";
import { kickPagedaemon, RESERVE_KERNEL, RESERVE_PAGEDAEMON } from "../pdaemon/uvmexp.js";
import {
  allocFrames,
  entryKind,
  entryMovable,
  frameEntry,
  migrateFrame,
  OwnerKind,
  ramCounters,
} from "../ram/index.js";
import type { KernelState } from "../state.js";
import type { KernelServices } from "../subsystem.js";
import { aggressive } from "./aggressive.js";
import { L1_ALIGN_LOG2, L1_PAGES, type L1Path } from "./state.js";

/** A run of frames and how it was found, or a sleep inside uvm_pglistalloc, or -1 (ENOMEM). */
export type Pglist = { readonly pfn: number; readonly path: L1Path } | "hoard" | "lock" | -1;

/**
 * 2001/2003: uvm_pglistalloc_contig (r1.19.8.1) ignores waitok, scans, and ends with
 * UVM_KICK_PDAEMON, which counts free pages only. "migrate": seed 002's brute force when the
 * scan fails. "2021": r1.90 with waitok = 1 goes on to the aggressive allocation. (r1.18 passes
 * M_WAITOK, which is 0 in NetBSD: under r1.90 that call would never wait; the 2021 revision passes
 * 1, as r1.251's own L1 allocation does. pmap_postinit passes `waitok` false in every revision.)
 */
export function pglistalloc(
  state: KernelState,
  services: KernelServices,
  pmap: number,
  waitok: boolean,
  effects: Effect[],
): Pglist {
  const revision = state.config.revisions.l1;
  const pfn = contigScan(state);
  if (pfn >= 0) {
    if (revision !== "2021") kickPagedaemon(state, services);
    return { pfn, path: "fresh" };
  }
  if (revision === "2021" && waitok) {
    const run = aggressive(state, services, pmap, effects);
    if (run === -1)
      effects.push({ kind: "noAlignedRun", ...shortage(state), aggressive: "nothing reclaimable" });
    return run;
  }
  const moved = revision === "migrate" ? migrateRun(state, effects) : -1;
  const woke = kickPagedaemon(state, services);
  if (moved >= 0) return { pfn: moved, path: "migration" };
  effects.push({
    kind: "noAlignedRun",
    ...shortage(state),
    pagedaemon: woke ? "woken" : "not woken: enough free",
  });
  return -1;
}

function shortage(state: KernelState): { free: number; largestFreeRun: number } {
  const ram = ramCounters(state.ram);
  return { free: ram.freePages, largestFreeRun: ram.largestFreeRun };
}

/**
 * uvm_pglistalloc_contig: nothing below reserve_pagedaemon + reserve_kernel free pages, else the
 * lowest run (try = low; try += alignment) whose pages are all free. (r1.62+ start the scan at a
 * per-segment hint and wrap; which run is taken differs, whether one exists does not.)
 */
function contigScan(state: KernelState): number {
  if (state.ram.freePages <= RESERVE_PAGEDAEMON + RESERVE_KERNEL) return -1;
  return allocFrames(state.ram, L1_PAGES, L1_ALIGN_LOG2, OwnerKind.L1, state.l1.nextTable, false);
}

/**
 * Seed 002: "Find 4 (consecutive, 16k-aligned) physical pages that are not wired but are used for
 * user-space accesses, and 4 physical pages that are not allocated; ... forcibly migrate the
 * physical pages to the new pages and then ... release the freed up pages as a chunk." The run
 * chosen needs the fewest moves (lowest address on ties); its pages must be free or movable user
 * pages (ram frames nothing else refers to). Returns the run's first pfn or -1.
 */
function migrateRun(state: KernelState, effects: Effect[]): number {
  const ram = state.ram;
  if (ram.freePages <= RESERVE_PAGEDAEMON + RESERVE_KERNEL) return -1;
  let best = -1;
  let fewest = L1_PAGES + 1;
  for (let run = 0; run + L1_PAGES <= ram.totalPages && fewest > 1; run += L1_PAGES) {
    let moves = 0;
    for (let p = run; p < run + L1_PAGES && moves < fewest; p++) {
      const entry = frameEntry(ram, p);
      if (entry === 0) continue;
      moves += entryKind(entry) === OwnerKind.Ram && entryMovable(entry) ? 1 : L1_PAGES + 1;
    }
    if (moves < fewest) [best, fewest] = [run, moves];
  }
  if (best < 0) return -1;
  for (let p = best; p < best + L1_PAGES; p++) {
    if (frameEntry(ram, p) === 0) continue;
    const to = migrateFrame(ram, p, { from: best, to: best + L1_PAGES });
    if (to < 0) throw new Error(`no free frame to move frame ${p} to`);
    effects.push({ kind: "migrated", from: p, to });
    state.l1.counters.pagesMigrated++;
  }
  const pfn = allocFrames(ram, L1_PAGES, L1_ALIGN_LOG2, OwnerKind.L1, state.l1.nextTable, false);
  if (pfn !== best) throw new Error(`migration emptied run ${best} but the scan found ${pfn}`);
  return pfn;
}
