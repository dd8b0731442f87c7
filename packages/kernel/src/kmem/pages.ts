/**
 * Pages of kernel memory: uvm_pagealloc with its reserves, the kernel objects' resident pages,
 * the kernel pmap's wired mappings, and uvm_km_pgremove. A wired kernel frame is owned by
 * OwnerKind.Kmem with its va page as tag, so pmap_page_protect can find its mapping.
 */
import { allocFrames, frameOwner, freeFrames, OwnerKind } from "../ram/index.js";
import { kickPagedaemon, RESERVE_KERNEL, RESERVE_PAGEDAEMON } from "../pdaemon/uvmexp.js";
import type { KernelState } from "../state.js";
import type { KernelServices } from "../subsystem.js";
import { sparseDelete, sparseEach, sparseGet, sparseSet } from "../sparse-table.js";
import type { KmemObject, KmemObjectName, KmemState, ObjectPage } from "./state.js";

/**
 * uvm_page.c uvm_pagealloc_strat (r1.23, the seed's era): wake the daemon if free pages are low,
 * then fail when only the kernel reserve is left and the page is not for a kernel object
 * (`useReserve`), or when only the daemon's reserve is left. Returns the pfn or -1.
 */
export function pageAlloc(
  state: KernelState,
  services: KernelServices,
  useReserve: boolean,
  owner: OwnerKind,
  tag: number,
): number {
  kickPagedaemon(state, services);
  const free = state.ram.freePages;
  if ((free <= RESERVE_KERNEL && !useReserve) || free <= RESERVE_PAGEDAEMON) return -1;
  return allocFrames(state.ram, 1, 0, owner, tag, false);
}

/** uvm_pagealloc(obj, offset) for a wired kernel page mapped at `va`: object insert + pmap_kenter_pa. */
export function wirePage(
  kmem: KmemState,
  obj: KmemObjectName | null,
  va: number,
  offset: number,
  pfn: number,
): void {
  if (obj !== null) insertPage(kmem.objects[obj], offset, pfn);
  sparseSet(kmem.pmap, va, pfn);
}

/** uvm_pageinsert: onto the object's memq (TAILQ_INSERT_TAIL) and into its hash. */
function insertPage(object: KmemObject, offset: number, pfn: number): void {
  sparseSet(object.pages, offset, { pfn, serial: object.nextSerial++ });
  object.npages++;
}

/** pmap_remove(pmap_kernel(), start, end): drops the mappings only; returns the frames unmapped. */
export function pmapRemove(kmem: KmemState, start: number, end: number): number[] {
  const unmapped: [number, number][] = [];
  sparseEach(kmem.pmap, (va, pfn) => void unmapped.push([va, pfn]), start, end);
  for (const [va] of unmapped) sparseDelete(kmem.pmap, va);
  return unmapped.map(([, pfn]) => pfn);
}

/** UKM_HASH_PENALTY in uvm_km_pgremove: "a guess". */
export const UKM_HASH_PENALTY = 4;
export type Traversal = "list" | "hash";

/**
 * uvm_km_pgremove(uobj, start, end): frees the object's pages at offsets [start, end). It walks
 * the object's memq when uo_npages <= pages-in-range · UKM_HASH_PENALTY, else looks up each
 * offset; `force` picks a walk (tests prove both free the same pages). No page is ever PG_BUSY
 * between events, so none is left PG_RELEASED. Each page: pmap_page_protect(VM_PROT_NONE),
 * uvm_pagefree. Returns the pages freed.
 */
export function pgremove(
  state: KernelState,
  objName: KmemObjectName,
  start: number,
  end: number,
  force?: Traversal,
): number {
  const object = state.kmem.objects[objName];
  const byList = (force ?? traversalFor(object.npages, end - start)) === "list";
  const doomed: [number, ObjectPage][] = [];
  if (byList) {
    sparseEach(object.pages, (offset, page) => {
      if (offset >= start && offset < end) doomed.push([offset, page]);
    });
    doomed.sort((a, b) => a[1].serial - b[1].serial);
  } else {
    for (let offset = start; offset < end; offset++) {
      const page = sparseGet(object.pages, offset);
      if (page !== undefined) doomed.push([offset, page]);
    }
  }
  for (const [offset, page] of doomed) {
    pageProtectNone(state, page.pfn);
    sparseDelete(object.pages, offset);
    object.npages--;
    freeFrames(state.ram, page.pfn, 1);
  }
  return doomed.length;
}

/** uvm_km_pgremove's "choose cheapest traversal": by_list = uo_npages <= pages · UKM_HASH_PENALTY. */
export function traversalFor(npages: number, rangePages: number): Traversal {
  return npages <= rangePages * UKM_HASH_PENALTY ? "list" : "hash";
}

/** pmap_page_protect(pg, VM_PROT_NONE): removes the frame's mapping (its tag is its va page). */
function pageProtectNone(state: KernelState, pfn: number): void {
  const owner = frameOwner(state.ram, pfn);
  if (owner === null || owner.kind !== OwnerKind.Kmem) return;
  if (sparseGet(state.kmem.pmap, owner.tag) === pfn) sparseDelete(state.kmem.pmap, owner.tag);
}
