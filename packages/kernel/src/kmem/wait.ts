/**
 * Callers asleep inside uvm_km_*. A page sleeper sleeps in uvm_wait (on &uvmexp.free) holding its
 * entry and the pages it already has; the page daemon's thread_wakeup(&uvmexp.free) retries it
 * from the same page. An address-space sleeper sleeps in uvm_km_valloc_wait's tsleep(map), woken
 * by uvm_km_free_wakeup (1998), or in uvm_map's UVM_KMF_WAITVA wait, woken by any unmap of the
 * map or once a second (2012). Each completes as a `woken` effect of the event that let it.
 */
import { ok, type Effect, type Outcome } from "@pagefold/engine";
import { wakePagedaemon } from "../pdaemon/uvmexp.js";
import type { KernelState } from "../state.js";
import type { KernelServices } from "../subsystem.js";
import { fillPages, type Fill } from "./fill.js";
import { enterEntry, entryAt, findSpace } from "./maps.js";
import { sparseDelete, sparseEach, sparseSet } from "../sparse-table.js";
import { addressOf, HZ, lookupMap, type KmemSleeper } from "./state.js";

/** uvm_wait("km_getwait2" / "km_alloc1w"): the fill's entry now belongs to the sleeper. */
export function sleepForPage(state: KernelState, map: string, fill: Fill, zero: boolean): Outcome {
  const id = newSleeper(state, {
    op: fill.op,
    map,
    pages: fill.pages,
    waits: "page",
    kva: fill.kva,
    done: fill.done,
    obj: fill.obj,
    nowait: fill.nowait,
    zero,
  });
  const entry = entryAt(lookupMap(state.kmem, map)!, fill.kva)![1];
  entry.owner = "sleeper";
  entry.sleeper = id;
  wakePagedaemon(state);
  return ok({ blocked: id });
}

/** tsleep(map, PVM, "vallocwait", 0), or 2012's cv_timedwait(&map->cv, ..., hz). */
export function sleepForVa(state: KernelState, map: string, pages: number): Outcome {
  const era = state.config.revisions.kmem;
  const id = newSleeper(state, {
    op: "km.vallocWait",
    map,
    pages,
    waits: "va",
    kva: -1,
    done: 0,
    obj: null,
    nowait: false,
    zero: false,
    ...(era === "2012" ? { wakeAt: state.clock + HZ } : {}),
  });
  return ok({ blocked: id });
}

function newSleeper(state: KernelState, sleeper: KmemSleeper): number {
  const id = state.kmem.nextSleeper++;
  sparseSet(state.kmem.sleepers, id, sleeper);
  state.kmem.counters.sleeps++;
  return id;
}

/** The daemon's thread_wakeup(&uvmexp.free): every page sleeper retries, oldest first. */
export function retryPageSleepers(state: KernelState, services: KernelServices, effects: Effect[]): void {
  for (const [id, sleeper] of sleepersWhere(state, (s) => s.waits === "page")) {
    const fill: Fill = { ...sleeper, op: sleeper.op as Fill["op"] };
    const result = fillPages(state, services, fill);
    if (typeof result !== "string") throw new Error(`sleeper ${id}: ${result.ok ? "" : result.message}`);
    sleeper.done = fill.done;
    if (result === "short") {
      wakePagedaemon(state); // back into uvm_wait
      continue;
    }
    // The entry is the caller's now, unless someone unmapped it under the sleeper (kmem.sleepers says so).
    const entry = entryAt(lookupMap(state.kmem, sleeper.map)!, sleeper.kva)?.[1];
    if (entry?.sleeper === id) {
      entry.owner = "caller";
      delete entry.sleeper;
    }
    wake(state, id, sleeper, effects);
  }
}

/** thread_wakeup(map) (1998 uvm_km_free_wakeup; 2012 any unmap): the map's VA sleepers retry. */
export function wakeVaSleepers(state: KernelState, map: string, effects: Effect[]): void {
  for (const [id, sleeper] of sleepersWhere(state, (s) => s.waits === "va" && s.map === map)) {
    retryVa(state, id, sleeper, effects);
  }
}

/** kmem's tick hook: 2012 WAITVA sleepers recheck once a second. */
export function kmemTick(state: KernelState): Effect[] {
  const effects: Effect[] = [];
  const due = sleepersWhere(state, (s) => s.wakeAt !== undefined && s.wakeAt <= state.clock);
  for (const [id, sleeper] of due) retryVa(state, id, sleeper, effects);
  return effects;
}

/** uvm_map with the kernel_object (1998) or no object (2012 VAONLY); sleeps again on failure. */
function retryVa(state: KernelState, id: number, sleeper: KmemSleeper, effects: Effect[]): void {
  const map = lookupMap(state.kmem, sleeper.map)!;
  const start = findSpace(map, sleeper.pages);
  if (start < 0) {
    if (sleeper.wakeAt !== undefined) sleeper.wakeAt = state.clock + HZ;
    return;
  }
  const obj = state.config.revisions.kmem === "1998" ? "kernel_object" : null;
  enterEntry(map, start, { pages: sleeper.pages, kind: "va", obj, owner: "caller" });
  sleeper.kva = start;
  wake(state, id, sleeper, effects);
}

function wake(state: KernelState, id: number, sleeper: KmemSleeper, effects: Effect[]): void {
  const { op, kva } = sleeper;
  sparseDelete(state.kmem.sleepers, id);
  state.kmem.counters.wakeups++;
  state.kmem.counters.allocs++;
  effects.push({ kind: "woken", sleeper: id, op, value: { kva: addressOf(kva) } });
}

function sleepersWhere(state: KernelState, test: (s: KmemSleeper) => boolean): [number, KmemSleeper][] {
  const out: [number, KmemSleeper][] = [];
  sparseEach(state.kmem.sleepers, (id, s) => void (test(s) && out.push([id, s])));
  return out;
}
