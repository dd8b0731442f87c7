/**
 * The `addrspace` slice: HelenOS's as_t, as_area_t and share_info_t as plain records keyed by
 * small integer ids, their B+trees as node tables (btree/node.ts), page tables as sparse
 * vpn → PTE tables, and asid.c's bookkeeping. Pointers are ids; 0 (or -1 for address-space ids,
 * which start at 0) is NULL.
 */
import { btreeCreate, type Btree } from "./btree/node.js";
import { ASID_MAX, ASID_START, MAX_CPUS } from "./constants.js";
import type { SparseTable } from "../sparse-table.js";

/** as_t. */
export interface AddressSpace {
  /** The scenario's id for it (a task's address space). */
  readonly id: number;
  /** ASID_KERNEL, ASID_INVALID or an allocated ASID. */
  asid: number;
  /** On how many CPUs it is the current address space. */
  cpuRefcount: number;
  /** as_area_btree: area base → area id. */
  areas: Btree;
  /** The page table: virtual page number → PTE (see mapping.ts). */
  ptes: SparseTable<number>;
  /** Logical time it last stopped running on every CPU (the reclaimer's order); 0 = never ran. */
  lastRun: number;
  /**
   * Why its mutex can never be taken again (a thread sleeps for ever holding it, or the seed
   * unlocked another mutex instead); "" when it can. Every later call that locks it hangs.
   */
  hung: string;
}

export type Backend = "anon" | "none";

/** as_area_t. */
export interface Area {
  /** The address space it was created in (later HelenOS's area->as). */
  readonly as: number;
  base: number;
  pages: number;
  flags: number;
  attributes: number;
  readonly backend: Backend;
  /** sh_info id, 0 = NULL. */
  share: number;
  /** used_space: first page → page count. */
  usedSpace: Btree;
  /**
   * free(area) ran, yet a B+tree slot still points here (the 2006 revision's stale search or
   * wrong-tree removal): the record keeps its last contents, as freed memory does, until no tree
   * refers to it.
   */
  freed: boolean;
}

/** share_info_t. */
export interface ShareInfo {
  refcount: number;
  /** pagemap: page offset in the area → physical frame number. */
  pagemap: Btree;
}

/** An entry of inactive_as_with_asid_head; `as` -1 is an as_t that as_free released in place. */
export interface InactiveEntry {
  as: number;
  asid: number;
}

export interface AddrspaceState {
  spaces: SparseTable<AddressSpace>;
  areas: SparseTable<Area>;
  shares: SparseTable<ShareInfo>;
  /** The last area and share ids handed out. */
  areaSerial: number;
  shareSerial: number;
  /** frame_t.refcount of every frame the address spaces hold, keyed by ram pfn. */
  frameRefs: SparseTable<number>;
  /** AS_KERNEL, the first address space created with `kernel: true`; -1 before. */
  kernelAs: number;
  /** The current address space (AS) of each CPU; -1 = none yet. */
  cpus: number[];
  /** asid.c asids_allocated. */
  asidsAllocated: number;
  /** asid_fifo.c free_asids. */
  freeAsids: number[];
  /** inactive_as_with_asid_head, oldest first (at most ASIDS_ALLOCABLE entries). */
  inactive: InactiveEntry[];
  /** Logical time of address-space switches. */
  switches: number;
}

export function initAddrspace(): AddrspaceState {
  const freeAsids: number[] = [];
  for (let asid = ASID_START; asid <= ASID_MAX; asid++) freeAsids.push(asid);
  return {
    spaces: {},
    areas: {},
    shares: {},
    areaSerial: 0,
    shareSerial: 0,
    frameRefs: {},
    kernelAs: -1,
    cpus: new Array<number>(MAX_CPUS).fill(-1),
    asidsAllocated: 0,
    freeAsids,
    inactive: [],
    switches: 0,
  };
}

/** A fresh as_area_t with an empty used_space tree. */
export function newArea(as: number, base: number, pages: number, flags: number, backend: Backend): Area {
  return { as, base, pages, flags, attributes: 0, backend, share: 0, usedSpace: btreeCreate(), freed: false };
}
