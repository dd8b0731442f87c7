/**
 * Address space only: uvm_km_valloc and uvm_km_valloc_wait (2012: uvm_km_alloc with
 * UVM_KMF_VAONLY, and UVM_KMF_WAITVA for the waiting one).
 */
import type { Outcome } from "@pagefold/engine";
import type { KernelState } from "../state.js";
import { done, noVm, target } from "./alloc.js";
import type { KmVallocEvent, KmVallocWaitEvent } from "./events.js";
import { enterEntry, findSpace } from "./maps.js";
import type { MapEntry, VmMap } from "./state.js";
import { sleepForVa } from "./wait.js";

/** uvm_km_valloc(map, size): VA only, demand-filled from kernel_object; no VA → 0. */
export function reduceValloc(state: KernelState, event: KmVallocEvent): Outcome {
  const request = target(state, event.map, event.size);
  if (!("map" in request)) return request;
  const kva = addressOnly(state, request.map, request.pages);
  return kva < 0 ? noVm(state, `no ${request.pages}-page hole in ${event.map}`) : done(state, kva);
}

/**
 * uvm_km_valloc_wait(map, size): 0 at once when size > max − min, else loop on uvm_map sleeping
 * in tsleep(map, "vallocwait") until uvm_km_free_wakeup. 2012 (UVM_KMF_WAITVA) has no size check:
 * a request larger than the map sleeps for ever.
 */
export function reduceVallocWait(state: KernelState, event: KmVallocWaitEvent): Outcome {
  const request = target(state, event.map, event.size);
  if (!("map" in request)) return request;
  const { map, pages } = request;
  if (state.config.revisions.kmem === "1998" && pages > map.max - map.min) {
    return noVm(state, `${pages} pages is larger than ${event.map} (${map.max - map.min} pages)`);
  }
  const kva = addressOnly(state, map, pages);
  return kva < 0 ? sleepForVa(state, event.map, pages) : done(state, kva);
}

/** uvm_map of address space only (kernel_object in 1998, no object in 2012); -1 when no hole. */
export function addressOnly(
  state: KernelState,
  map: VmMap,
  pages: number,
  owner: MapEntry["owner"] = "caller",
): number {
  const kva = findSpace(map, pages);
  const obj = state.config.revisions.kmem === "1998" ? "kernel_object" : null;
  if (kva >= 0) enterEntry(map, kva, { pages, kind: "va", obj, owner });
  return kva;
}
