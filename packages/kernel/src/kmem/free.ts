/**
 * Freeing kernel memory and creating submaps.
 */
import { err, ok, PANIC, type Effect, type Outcome } from "@pagefold/engine";
import { EEXIST, EINVAL } from "../codes.js";
import type { KernelState } from "../state.js";
import type { KmFreeEvent, KmFreeWakeupEvent, KmPoolpageFreeEvent, KmSuballocEvent } from "./events.js";
import { enterEntry, findSpace, isFree } from "./maps.js";
import { unmap, unmappedEffect } from "./release.js";
import { addressOf, lookupMap, PAGE_SIZE, roundPages, truncPage, VM_MIN_KERNEL_ADDRESS } from "./state.js";
import { wakeVaSleepers } from "./wait.js";

/**
 * uvm_km_free(map, addr, size) = uvm_unmap(map, trunc_page(addr), round_page(addr + size)).
 * 2012's uvm_km_free KASSERTs a page-aligned addr and frees by the allocation's type.
 */
export function reduceFree(state: KernelState, event: KmFreeEvent | KmFreeWakeupEvent): Outcome {
  const map = lookupMap(state.kmem, event.map);
  if (map === undefined) return err(EINVAL, `no map named ${JSON.stringify(event.map)}`);
  const era = state.config.revisions.kmem;
  if (era === "2012" && (event.addr - VM_MIN_KERNEL_ADDRESS) % PAGE_SIZE !== 0) {
    return err(
      PANIC,
      `uvm_km_free: KASSERT((addr & PAGE_MASK) == 0) failed, addr 0x${event.addr.toString(16)}`,
    );
  }
  const start = truncPage(event.addr);
  const end =
    era === "2012" ? start + roundPages(event.size) : truncPage(event.addr + event.size + PAGE_SIZE - 1);
  const effects: Effect[] = [];
  const freed = unmap(state, event.map, map, start, end, effects);
  effects.unshift(unmappedEffect(event.map, start, end, freed));
  if (event.op === "km.freeWakeup" && era === "1998") wakeVaSleepers(state, event.map, effects);
  return ok(undefined, effects);
}

/** uvm_km_free_poolpage1 = uvm_km_free(map, addr, PAGE_SIZE) at splimp (2012: uvm_km_kmem_free). */
export function reducePoolpageFree(state: KernelState, event: KmPoolpageFreeEvent): Outcome {
  return reduceFree(state, { op: "km.free", map: event.map, addr: event.addr, size: PAGE_SIZE });
}

/**
 * uvm_km_suballoc(kernel_map, &min, &max, size, pageable, fixed, NULL): a blank spot in the
 * parent (UVM_FLAG_NOMERGE, FIXED at `min` when fixed, else first fit from the `min` hint) or
 * panic("uvm_km_suballoc: unable to allocate space in parent map"); max = min + size; the
 * submap is never released. A fixed request without `min` asks for address 0, as a caller's
 * zeroed `min` would.
 */
export function reduceSuballoc(state: KernelState, event: KmSuballocEvent): Outcome {
  if (lookupMap(state.kmem, event.name) !== undefined) return err(EEXIST, `map ${event.name} exists`);
  if (event.size === 0) return err(EINVAL, "size 0");
  const parent = state.kmem.maps.kernel_map!;
  const pages = roundPages(event.size);
  const hint = truncPage(event.min ?? (event.fixed === true ? 0 : VM_MIN_KERNEL_ADDRESS));
  let min: number;
  if (event.fixed === true) min = isFree(parent, hint, pages) ? hint : -1;
  else min = findSpace(parent, pages, hint);
  if (min < 0) return err(PANIC, "uvm_km_suballoc: unable to allocate space in parent map");
  enterEntry(parent, min, { pages, kind: "submap", obj: null, owner: "submap" });
  state.kmem.maps[event.name] = {
    min,
    max: min + pages,
    pageable: event.pageable === true,
    entries: {},
    used: 0,
  };
  return ok({ min: addressOf(min), max: addressOf(min + pages) });
}
