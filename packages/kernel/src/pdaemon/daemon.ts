/**
 * uvm_pdaemon.c uvm_pageout, one pass of its loop (1998, r1.12): recompute inactarg, scan when
 * free < freetarg (uvmpd_scan_inactive frees inactive pages until free >= freetarg; here through
 * the reclaimers), then thread_wakeup(&uvmexp.free) for everyone asleep in uvm_wait. When enough
 * pages are free it frees nothing and goes back to sleep, however fragmented they are.
 */
import { ok, type Effect, type Outcome } from "@pagefold/engine";
import { retryPageSleepers } from "../kmem/wait.js";
import { retryHoarder } from "../l1/pinit.js";
import { ramCounters } from "../ram/index.js";
import type { KernelState } from "../state.js";
import type { KernelServices } from "../subsystem.js";
import { tune } from "./uvmexp.js";

/** One pass of the daemon; its effects say what it found and did. */
export function runPagedaemon(state: KernelState, services: KernelServices, effects: Effect[]): void {
  const pd = state.pdaemon;
  pd.wanted = false;
  pd.woke++;
  const { freetarg } = tune(state.ram.totalPages, state.config.revisions.kmem);
  const free = state.ram.freePages;
  if (free < freetarg) {
    pd.scans++;
    const freed = services.reclaim(state, freetarg - free, effects);
    pd.freed += freed;
    effects.push({ kind: "reclaimed", wanted: freetarg - free, freed, free: state.ram.freePages, freetarg });
  } else {
    pd.enoughFree++;
    const ram = ramCounters(state.ram);
    effects.push({
      kind: "enoughFree",
      free,
      freetarg,
      largestFreeRun: ram.largestFreeRun,
      largestFreeOrder: ram.largestFreeOrder,
    });
  }
  retryPageSleepers(state, services, effects);
  retryHoarder(state, services, effects);
}

/** `pdaemon.run`: the page daemon wakes up and makes one pass. */
export function reducePdaemonRun(state: KernelState, _event: unknown, services: KernelServices): Outcome {
  const effects: Effect[] = [];
  runPagedaemon(state, services, effects);
  return ok(undefined, effects);
}

/** The daemon's tick hook: a daemon woken since its last pass (a kick, uvm_wait) runs now. */
export function pdaemonTick(state: KernelState, services: KernelServices): Effect[] {
  if (!state.pdaemon.wanted) return [];
  const effects: Effect[] = [];
  runPagedaemon(state, services, effects);
  return effects;
}
