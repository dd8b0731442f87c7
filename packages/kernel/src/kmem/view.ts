import type { KernelState } from "../state.js";
import { freePages } from "./maps.js";
import { sparseEach, sparseSize } from "../sparse-table.js";
import { addressOf, objectNames, type KmemCounters } from "./state.js";

/** One map as views show it: its range, how much of it is allocated, its largest hole. */
export interface KmemMapView {
  readonly min: number;
  readonly max: number;
  readonly entries: number;
  readonly freePages: number;
  readonly largestHole: number;
}

export interface KmemView {
  readonly maps: Readonly<Record<string, KmemMapView>>;
  /** uo_npages of each kernel object. */
  readonly objects: Readonly<Record<string, number>>;
  readonly mappedPages: number;
  /** Callers asleep: in uvm_wait for pages, and waiting for address space. */
  readonly sleepers: { readonly page: number; readonly va: number };
  readonly counters: KmemCounters;
}

/** Kernel memory for diffs, predicates and `seek` (a fresh copy; O(entries + mappings)). */
export function kmemView(state: KernelState): KmemView {
  const kmem = state.kmem;
  const maps: Record<string, KmemMapView> = {};
  for (const name of Object.keys(kmem.maps).sort()) {
    const map = kmem.maps[name]!;
    let largestHole = 0;
    let end = map.min;
    sparseEach(map.entries, (start, entry) => {
      largestHole = Math.max(largestHole, start - end);
      end = start + entry.pages;
    });
    largestHole = Math.max(largestHole, map.max - end);
    maps[name] = {
      min: addressOf(map.min),
      max: addressOf(map.max),
      entries: sparseSize(map.entries),
      freePages: freePages(map),
      largestHole,
    };
  }
  const objects: Record<string, number> = {};
  for (const name of objectNames) objects[name] = kmem.objects[name].npages;
  const sleepers = { page: 0, va: 0 };
  sparseEach(kmem.sleepers, (_id, s) => void sleepers[s.waits]++);
  return { maps, objects, mappedPages: sparseSize(kmem.pmap), sleepers, counters: { ...kmem.counters } };
}
