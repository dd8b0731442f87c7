/**
 * What uvm_km.c states about kernel memory (its overview comment and KERNEL-SOURCES.md §4.5),
 * checked on the whole state. In the faithful revision "1998", kmem.owned reports the tail that
 * uvm_km_kmemalloc's NOWAIT failure leaves mapped (see alloc.ts).
 */
import type { Invariant } from "@pagefold/engine";
import { entryKind, entryTag, forEachOwnedFrame, frameEntry, OwnerKind } from "../ram/index.js";
import type { KernelState } from "../state.js";
import { entryAt } from "./maps.js";
import { sparseEach, sparseGet } from "../sparse-table.js";
import { addressOf, objectNames, type KmemState, type MapEntry, type VmMap } from "./state.js";

const MAX_REPORTED = 5;

/** The innermost entry holding `page`: kernel_map's, or the submap's when it is a submap entry. */
export function leafEntry(kmem: KmemState, page: number): MapEntry | undefined {
  const top = entryAt(kmem.maps.kernel_map!, page);
  if (top === undefined || top[1].kind !== "submap") return top?.[1];
  const submap = Object.values(kmem.maps).find((m) => m.min === top[0]);
  return submap === undefined ? undefined : entryAt(submap, page)?.[1];
}

function check(
  fn: (kmem: KmemState, out: string[], state: KernelState) => void,
): (s: KernelState) => string[] {
  return (state) => {
    const out: string[] = [];
    fn(state.kmem, out, state);
    return out.slice(0, MAX_REPORTED);
  };
}

const entries: Invariant<KernelState> = {
  name: "kmem.entries",
  description:
    "map entries are disjoint inside their map; every submap is a kernel_map entry, never released",
  check: check((kmem, out) => {
    for (const [name, map] of Object.entries(kmem.maps)) disjoint(name, map, out);
    for (const [name, map] of Object.entries(kmem.maps)) {
      if (name === "kernel_map") continue;
      const at = entryAt(kmem.maps.kernel_map!, map.min);
      if (at?.[0] !== map.min || at[1].kind !== "submap" || at[1].pages !== map.max - map.min)
        out.push(`submap ${name} [${hex(map.min)}, ${hex(map.max)}) is no longer a kernel_map entry`);
    }
  }),
};

function disjoint(name: string, map: VmMap, out: string[]): void {
  let end = map.min;
  let used = 0;
  sparseEach(map.entries, (start, entry) => {
    if (start < end || entry.pages < 1) out.push(`${name}: entry at ${hex(start)} overlaps the one before`);
    end = start + entry.pages;
    used += entry.pages;
    if (end > map.max) out.push(`${name}: entry at ${hex(start)} ends past the map`);
  });
  if (used !== map.used) out.push(`${name}: entries cover ${used} pages, the map counts ${map.used}`);
}

const owned: Invariant<KernelState> = {
  name: "kmem.owned",
  description: "no mapping without an owning allocation; every kernel page is mapped where its frame says",
  check: check((kmem, out, state) => {
    for (const map of Object.values(kmem.maps)) {
      sparseEach(map.entries, (start, entry) => {
        if (entry.owner === "none") out.push(`${hex(start)}: ${entry.pages} pages of VA nobody holds`);
        if (entry.owner === "sleeper" && sparseGet(kmem.sleepers, entry.sleeper ?? -1) === undefined)
          out.push(`${hex(start)}: held by sleeper ${entry.sleeper}, which is gone`);
      });
    }
    sparseEach(kmem.pmap, (va, pfn) => {
      const entry = leafEntry(kmem, va);
      const kind = entryKind(frameEntry(state.ram, pfn));
      if (entry === undefined || entry.owner === "none")
        out.push(`${hex(va)} is mapped outside any allocation`);
      else if (entry.kind !== "wired" && !(entry.owner === "l1" && kind === OwnerKind.L1))
        out.push(`${hex(va)} is mapped inside a ${entry.kind} entry of ${entry.owner}`);
      if (kind !== OwnerKind.Kmem && kind !== OwnerKind.L1)
        out.push(`${hex(va)} maps frame ${pfn}, not a kernel frame`);
    });
    forEachOwnedFrame(state.ram, OwnerKind.Kmem, (pfn, e) => {
      if (sparseGet(kmem.pmap, entryTag(e)) !== pfn)
        out.push(`kernel frame ${pfn} is not mapped at ${hex(entryTag(e))} (leaked)`);
      return out.length < MAX_REPORTED;
    });
  }),
};

const offsets: Invariant<KernelState> = {
  name: "kmem.object-offsets",
  description:
    "a kernel object's page at offset o is mapped at vm_map_min(kernel_map) + o inside an entry of that object",
  check: check((kmem, out) => {
    const base = kmem.maps.kernel_map!.min;
    for (const name of objectNames) {
      let count = 0;
      sparseEach(kmem.objects[name].pages, (offset, page) => {
        count++;
        if (sparseGet(kmem.pmap, base + offset) !== page.pfn)
          out.push(`${name} offset ${offset}: frame ${page.pfn} is not mapped at ${hex(base + offset)}`);
        else if (leafEntry(kmem, base + offset)?.obj !== name)
          out.push(`${name} offset ${offset}: the entry at ${hex(base + offset)} is not ${name}'s`);
      });
      if (count !== kmem.objects[name].npages)
        out.push(`${name}: uo_npages ${kmem.objects[name].npages} ≠ ${count}`);
    }
  }),
};

const sleepers: Invariant<KernelState> = {
  name: "kmem.sleepers",
  description: "a sleeper in uvm_wait holds its entry and the pages it already mapped",
  check: check((kmem, out) => {
    sparseEach(kmem.sleepers, (id, s) => {
      if (s.waits !== "page") return;
      const entry = entryAt(kmem.maps[s.map]!, s.kva)?.[1];
      if (entry?.owner !== "sleeper" || entry.sleeper !== id) out.push(`sleeper ${id} lost its entry`);
      for (let i = 0; i < s.done; i++)
        if (sparseGet(kmem.pmap, s.kva + i) === undefined) out.push(`sleeper ${id}: page ${i} unmapped`);
    });
  }),
};

export const kmemInvariants: readonly Invariant<KernelState>[] = [entries, owned, offsets, sleepers];

function hex(page: number): string {
  return `0x${addressOf(page).toString(16)}`;
}
