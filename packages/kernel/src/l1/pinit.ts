/**
 * pmap_pinit: "Keep looping until we succeed in allocating a page directory". r1.18 sleeps
 * ltsleep(&lbolt, PVM, "l1ptwait", hz >> 3) between tries; r1.130 backs off, (hz << 3) >> backoff
 * with backoff 6 → 0 one step every 10 retries, so "eventually we won't retry more than once every
 * 8 seconds". Both sleep on &lbolt, which schedcpu wakes every second, so no sleep outlasts the
 * next second boundary. A sleeper completes as a `woken` effect of the tick (or daemon pass) that
 * let it; failed polls inside one tick all see the same memory, so one try stands for them.
 */
import type { Effect } from "@pagefold/engine";
import { HZ } from "../kmem/state.js";
import { sparseDelete, sparseEach, sparseGet, sparseSet } from "../sparse-table.js";
import type { KernelState } from "../state.js";
import type { KernelServices } from "../subsystem.js";
import { aggressive } from "./aggressive.js";
import type { PmapSleeper } from "./state.js";
import { allocPagedir, finishL1pt, type Pagedir } from "./table.js";

/** Gives `pmap` its table: the pmap exists from now on; counts the path. */
export function complete(state: KernelState, pmap: number, got: { table: number; path: string }): number {
  sparseSet(state.l1.pmaps, pmap, got.table);
  const counters = state.l1.counters as unknown as Record<string, number>;
  counters[got.path]!++;
  return sparseGet(state.l1.tables, got.table)!.pfn;
}

/** A new sleeper for a pmap_create that could not finish now. */
export function sleep(state: KernelState, pmap: number, got: Pagedir): number {
  const id = state.l1.nextSleeper++;
  const sleeper: PmapSleeper = {
    pmap,
    phase: "poll",
    wakeAt: 0,
    backoff: 6,
    retry: 10,
    attempts: 1,
    kva: -1,
  };
  sparseSet(state.l1.sleepers, id, sleeper);
  settle(state, sleeper, got, state.clock);
  return id;
}

/** After a failed or sleeping pmap_allocpagedir: sleep inside UVM, or poll again later. */
function settle(state: KernelState, s: PmapSleeper, got: Pagedir, at: number): void {
  if (got !== null && "sleep" in got) {
    s.phase = got.sleep;
    s.kva = got.kva;
    return;
  }
  state.l1.counters.retries++;
  s.phase = "poll";
  s.kva = -1;
  const revision = state.config.revisions.l1;
  const timo = revision === "2001" || revision === "migrate" ? HZ >> 3 : (HZ << 3) >> s.backoff;
  const lbolt = (Math.floor(at / HZ) + 1) * HZ;
  s.wakeAt = Math.min(at + timo, lbolt);
  if ((revision === "2003" || revision === "2021") && --s.retry === 0) {
    s.retry = 10;
    if (s.backoff > 0) s.backoff--;
  }
}

/** l1's tick hook: every poller whose time has come tries pmap_allocpagedir again. */
export function l1Tick(state: KernelState, services: KernelServices): Effect[] {
  const effects: Effect[] = [];
  const due: [number, PmapSleeper][] = [];
  sparseEach(
    state.l1.sleepers,
    (id, s) => void (s.phase === "poll" && s.wakeAt <= state.clock && due.push([id, s])),
  );
  due.sort((a, b) => a[1].wakeAt - b[1].wakeAt || a[0] - b[0]);
  for (const [id, s] of due) {
    const at = s.wakeAt;
    s.attempts++;
    const got = allocPagedir(state, services, s.pmap, effects);
    if (got !== null && "table" in got) {
      finish(state, id, s, got, at, effects);
      continue;
    }
    settle(state, s, got, at);
    while (s.phase === "poll" && s.wakeAt <= state.clock) {
      s.attempts++;
      settle(state, s, null, s.wakeAt);
    }
    if (s.phase === "poll")
      effects.push({ kind: "l1Retry", sleeper: id, pmap: s.pmap, attempts: s.attempts, next: s.wakeAt });
  }
  resumeLockWaiters(state, services, effects);
  return effects;
}

/** thread_wakeup(&uvmexp.free) for the pmap asleep in uvm_wait("pglac2"), if any. */
export function retryHoarder(state: KernelState, services: KernelServices, effects: Effect[]): void {
  const hoarder = phaseSleepers(state, "hoard")[0];
  if (hoarder !== undefined) resume(state, services, hoarder[0], hoarder[1], effects);
  resumeLockWaiters(state, services, effects);
}

/** mutex_exit wakes the next pmap waiting for uvm_pglistalloc_contig_lock. */
export function resumeLockWaiters(state: KernelState, services: KernelServices, effects: Effect[]): void {
  for (;;) {
    const next = phaseSleepers(state, "lock")[0];
    if (next === undefined || state.l1.contigLock !== 0) return;
    resume(state, services, next[0], next[1], effects);
  }
}

/** Continues uvm_pglistalloc's aggressive loop, then the rest of pmap_alloc_l1pt. */
function resume(
  state: KernelState,
  services: KernelServices,
  id: number,
  s: PmapSleeper,
  effects: Effect[],
): void {
  const run = aggressive(state, services, s.pmap, effects);
  if (run === "hoard" || run === "lock") return void (s.phase = run);
  const table = finishL1pt(state, s.kva, run === -1 ? -1 : run.pfn, effects);
  if (table >= 0 && run !== -1) return finish(state, id, s, { table, path: run.path }, state.clock, effects);
  settle(state, s, null, state.clock);
}

function finish(
  state: KernelState,
  id: number,
  s: PmapSleeper,
  got: { table: number; path: string },
  at: number,
  effects: Effect[],
): void {
  const { pmap, attempts } = s;
  sparseDelete(state.l1.sleepers, id);
  const pfn = complete(state, pmap, got);
  state.l1.counters.afterBackoff++;
  effects.push({
    kind: "woken",
    sleeper: id,
    op: "pmap.create",
    pmap,
    at,
    attempts,
    value: { l1: pfn, from: got.path },
  });
}

function phaseSleepers(state: KernelState, phase: PmapSleeper["phase"]): [number, PmapSleeper][] {
  const out: [number, PmapSleeper][] = [];
  sparseEach(state.l1.sleepers, (id, s) => void (s.phase === phase && out.push([id, s])));
  return out;
}
