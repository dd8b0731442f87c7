import type { KernelConfig } from "../config.js";
import { sparseSet, type SparseTable } from "../sparse-table.js";

/**
 * Kernel virtual memory (seed 004, NetBSD UVM uvm_km.c): kernel_map and its submaps, the kernel
 * objects whose pages back wired kernel memory, the kernel pmap's mappings, and the callers asleep
 * in uvm_wait or tsleep. Addresses inside the state are page indexes from VM_MIN_KERNEL_ADDRESS;
 * outcomes and events speak byte addresses.
 */
export const PAGE_SIZE = 4096;
/** Clock ticks per second (arm32 HZ = 100): `tick` advances the clock by ticks. */
export const HZ = 100;
/** arm32 vmparam.h: VM_MIN_KERNEL_ADDRESS = KERNEL_BASE = 0xf0000000, VM_MAX_KERNEL_ADDRESS = 0xffffffff. */
export const VM_MIN_KERNEL_ADDRESS = 0xf0000000;
export const VM_MAX_KERNEL_ADDRESS = 0xffffffff;
/** uvm_km_init(start, end): end = trunc_page(VM_MAX_KERNEL_ADDRESS), as a page index. */
export const KERNEL_MAP_END = Math.floor((VM_MAX_KERNEL_ADDRESS + 1 - VM_MIN_KERNEL_ADDRESS) / PAGE_SIZE) - 1;
/**
 * uvm_km_init reserves [VM_MIN_KERNEL_ADDRESS, start) for what the kernel already uses (text,
 * data, bss, bootstrap tables). The seed leaves `start` to the port; we choose 4 MiB.
 */
export const KERNEL_IMAGE_PAGES = 1024;

/** The kernel objects of uvm_km_init (kernel_object is an aobj, the other two use km_pager). */
export type KmemObjectName = "kernel_object" | "kmem_object" | "mb_object";
export const objectNames: readonly KmemObjectName[] = ["kernel_object", "kmem_object", "mb_object"];

/**
 * Who holds a map entry: the kernel image, a submap, the caller the kva was returned to, the L1
 * allocator (pmap_alloc_l1pt's uvm_km_valloc), a sleeper still filling it, or nobody (VA the
 * kernel lost track of; kmem.owned reports it).
 */
export type EntryOwner = "kernel" | "submap" | "caller" | "l1" | "sleeper" | "none";

/** One map entry: `pages` pages from its key, backed by `obj` (null: no object). */
export interface MapEntry {
  pages: number;
  /** wired: pages allocated at once; va: address space only (valloc); submap; image. */
  kind: "wired" | "va" | "submap" | "image";
  obj: KmemObjectName | null;
  owner: EntryOwner;
  /** The sleeper filling the entry (owner "sleeper"). */
  sleeper?: number;
}

/** A vm_map: kernel_map or a submap, its range [min, max) in pages and its entries. */
export interface VmMap {
  readonly min: number;
  readonly max: number;
  readonly pageable: boolean;
  entries: SparseTable<MapEntry>;
  /** Pages covered by entries (so free space is O(1): uvm_km_va_starved_p asks on every page). */
  used: number;
}

/** A resident page of a kernel object: its frame and its place on the object's memq. */
export interface ObjectPage {
  pfn: number;
  serial: number;
}

/** A kernel uvm_object: uo_npages, the memq insertion serial, pages by offset page. */
export interface KmemObject {
  npages: number;
  nextSerial: number;
  pages: SparseTable<ObjectPage>;
}

/** A caller asleep inside uvm_km_*: in uvm_wait (a page) or tsleep/WAITVA (address space). */
export interface KmemSleeper {
  op: "km.kmemalloc" | "km.alloc1" | "km.vallocWait";
  map: string;
  /** Pages requested. */
  pages: number;
  /** "page": uvm_wait for a free page; "va": tsleep(map) for address space. */
  waits: "page" | "va";
  /** First page of the entry being filled ("page" sleepers). */
  kva: number;
  /** Pages already allocated and mapped. */
  done: number;
  obj: KmemObjectName | null;
  nowait: boolean;
  zero: boolean;
  /** 2012 WAITVA sleepers recheck once a second (cv_timedwait(&map->cv, ..., hz)). */
  wakeAt?: number;
}

export interface KmemCounters {
  allocs: number;
  failures: number;
  sleeps: number;
  wakeups: number;
  pagesAllocated: number;
  pagesFreed: number;
}

export interface KmemState {
  /** kernel_map and the submaps, by name. */
  maps: Record<string, VmMap>;
  objects: Record<KmemObjectName, KmemObject>;
  /** The kernel pmap's wired mappings (pmap_kenter_pa): va page → pfn. */
  pmap: SparseTable<number>;
  sleepers: SparseTable<KmemSleeper>;
  nextSleeper: number;
  counters: KmemCounters;
}

const emptyObject = (): KmemObject => ({ npages: 0, nextSerial: 1, pages: {} });

/** uvm_km_init: kernel_map over the whole kernel VA with the kernel image reserved (FIXED). */
export function initKmem(_config: KernelConfig): KmemState {
  const kernelMap: VmMap = {
    min: 0,
    max: KERNEL_MAP_END,
    pageable: false,
    entries: {},
    used: KERNEL_IMAGE_PAGES,
  };
  sparseSet(kernelMap.entries, 0, { pages: KERNEL_IMAGE_PAGES, kind: "image", obj: null, owner: "kernel" });
  return {
    maps: { kernel_map: kernelMap },
    objects: { kernel_object: emptyObject(), kmem_object: emptyObject(), mb_object: emptyObject() },
    pmap: {},
    sleepers: {},
    nextSleeper: 1,
    counters: { allocs: 0, failures: 0, sleeps: 0, wakeups: 0, pagesAllocated: 0, pagesFreed: 0 },
  };
}

/** Byte address of a page index, and back (trunc_page / round_page on byte quantities). */
export const addressOf = (page: number): number => VM_MIN_KERNEL_ADDRESS + page * PAGE_SIZE;
export const truncPage = (address: number): number =>
  Math.floor((address - VM_MIN_KERNEL_ADDRESS) / PAGE_SIZE);
export const roundPages = (bytes: number): number => Math.ceil(bytes / PAGE_SIZE);

/** The named map, or undefined (an own property only: names never reach Object.prototype). */
export function lookupMap(kmem: KmemState, name: string): VmMap | undefined {
  return Object.prototype.hasOwnProperty.call(kmem.maps, name) ? kmem.maps[name] : undefined;
}

/** The kernel object a map's wired memory lives in: malloc's kmem_object, mbufs' mb_object. */
export function objectFor(map: string): KmemObjectName {
  return map === "kmem_map" ? "kmem_object" : map === "mb_map" ? "mb_object" : "kernel_object";
}
