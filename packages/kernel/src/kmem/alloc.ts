/**
 * The allocating entry points of uvm_km.c. Revision "1998" is the seed (r1.13/r1.14); "2012" is
 * uvm_km_alloc (r1.135), onto which the seed's calls map: kmemalloc = uvm_km_alloc(WIRED or
 * VAONLY, NOWAIT, TRYLOCK), alloc1 = uvm_km_alloc(WIRED, ZERO), valloc = VAONLY, valloc_wait =
 * VAONLY|WAITVA, pool pages = uvm_km_kmem_alloc(VM_NOSLEEP) with the map standing for the arena.
 */
import { err, ok, type Effect, type Outcome } from "@pagefold/engine";
import { EINVAL, ENOMEM } from "../codes.js";
import type { KernelState } from "../state.js";
import type { KernelServices } from "../subsystem.js";
import type { KmAlloc1Event, KmKmemallocEvent, KmPoolpageAllocEvent } from "./events.js";
import { fillPages, type Fill } from "./fill.js";
import { enterEntry, entryAt, findSpace } from "./maps.js";
import { unmap, unmappedEffect } from "./release.js";
import { addressOf, lookupMap, objectFor, PAGE_SIZE, roundPages, type VmMap } from "./state.js";
import { sleepForPage } from "./wait.js";

/** The map and page count of a request, or the outcome refusing it. */
export function target(
  state: KernelState,
  name: string,
  size: number,
): { map: VmMap; pages: number } | Outcome {
  const map = lookupMap(state.kmem, name);
  if (map === undefined) return err(EINVAL, `no map named ${JSON.stringify(name)}`);
  // A zero-sized mapping makes no sense (2012 KASSERTs it; 1998 would enter an empty entry).
  if (size === 0) return err(EINVAL, "size 0");
  return { map, pages: roundPages(size) };
}

/**
 * uvm_km_kmemalloc(map, obj, size, flags). No VA returns 0 even when the caller could wait.
 * VALLOC returns the VA alone. Otherwise pages one by one; on a shortage NOWAIT gives up and
 * every other caller sleeps in uvm_wait("km_getwait2") and retries the same page. The seed's
 * NOWAIT path unmaps [kva, kva + size) with `size` already reduced by the pages it mapped, so
 * the tail of the range (and any pages in it) stays in the map with nobody holding it; 2012's
 * uvm_km_free(map, kva, size) releases it all.
 */
export function reduceKmemalloc(
  state: KernelState,
  event: KmKmemallocEvent,
  services: KernelServices,
): Outcome {
  const request = target(state, event.map, event.size);
  if (!("map" in request)) return request;
  const { map, pages } = request;
  const flags = event.flags ?? [];
  const era = state.config.revisions.kmem;
  // uvm_map(..., flags & UVM_KMF_TRYLOCK): vm_map_lock_try fails while another context holds it.
  if (flags.includes("trylock") && event.mapLocked === true)
    return noVm(state, "the map is locked (TRYLOCK)");
  const obj = era === "1998" ? objectFor(event.map) : null;
  const kva = findSpace(map, pages);
  if (kva < 0) return noVm(state, `no ${pages}-page hole in ${event.map}`);
  if (flags.includes("valloc")) {
    enterEntry(map, kva, { pages, kind: "va", obj, owner: "caller" });
    return done(state, kva);
  }
  enterEntry(map, kva, { pages, kind: "wired", obj, owner: "caller" });
  const fill: Fill = { op: "km.kmemalloc", kva, pages, done: 0, obj, nowait: flags.includes("nowait") };
  const result = fillPages(state, services, fill);
  if (typeof result !== "string") return result;
  if (result === "done") return done(state, kva);
  if (!fill.nowait) return sleepForPage(state, event.map, fill, false);
  const effects: Effect[] = [];
  const end = era === "1998" ? kva + (pages - fill.done) : kva + pages;
  const freed = unmap(state, event.map, map, kva, end, effects);
  effects.unshift(unmappedEffect(event.map, kva, end, freed));
  const tail = entryAt(map, end);
  if (tail !== undefined && end < kva + pages) tail[1].owner = "none";
  state.kmem.counters.failures++;
  return err(ENOMEM, `out of pages after ${fill.done} of ${pages} (NOWAIT)`, effects);
}

/**
 * uvm_km_alloc1(map, size, zeroit): kernel_object memory that always waits once it has VA
 * (uvm_wait("km_alloc1w")), zeroed on request; only a lack of VA answers 0.
 */
export function reduceAlloc1(state: KernelState, event: KmAlloc1Event, services: KernelServices): Outcome {
  const request = target(state, event.map, event.size);
  if (!("map" in request)) return request;
  const { map, pages } = request;
  const obj = state.config.revisions.kmem === "1998" ? "kernel_object" : null;
  const kva = findSpace(map, pages);
  if (kva < 0) return noVm(state, `no ${pages}-page hole in ${event.map}`);
  enterEntry(map, kva, { pages, kind: "wired", obj, owner: "caller" });
  const fill: Fill = { op: "km.alloc1", kva, pages, done: 0, obj, nowait: false };
  const result = fillPages(state, services, fill);
  if (typeof result !== "string") return result;
  if (result === "short") return sleepForPage(state, event.map, fill, event.zero === true);
  return done(state, kva);
}

/** uvm_km_alloc_poolpage1: uvm_km_kmemalloc(map, obj, PAGE_SIZE, UVM_KMF_NOWAIT) at splimp. */
export function reducePoolpageAlloc(
  state: KernelState,
  event: KmPoolpageAllocEvent,
  services: KernelServices,
): Outcome {
  return reduceKmemalloc(
    state,
    { op: "km.kmemalloc", map: event.map, size: PAGE_SIZE, flags: ["nowait"] },
    services,
  );
}

export function done(state: KernelState, kva: number): Outcome {
  state.kmem.counters.allocs++;
  return ok({ kva: addressOf(kva) });
}

export function noVm(state: KernelState, why: string): Outcome {
  state.kmem.counters.failures++;
  return err(ENOMEM, `no VM: ${why}`);
}
