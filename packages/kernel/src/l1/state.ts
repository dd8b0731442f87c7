import type { SparseTable } from "../sparse-table.js";

/**
 * ARM L1 translation tables of the old NetBSD arm32 pmap (seed 002; pmap.c r1.18 and r1.130):
 * 16 KiB, physically contiguous, 16 KiB aligned; static and reuse queues; pmaps asleep in
 * pmap_pinit; and the state of r1.90's aggressive contiguous allocation.
 */
/** L1_TABLE_SIZE 0x4000 = 4 pages, aligned to itself. */
export const L1_PAGES = 4;
export const L1_ALIGN_LOG2 = 2;
/** pmap_postinit allocates max_processes (64, board machdep.c) static L1s when PMAP_STATIC_L1S is unset. */
export const MAX_PROCESSES = 64;
/** pmap_freepagedir: `l1pt_queue_count < 8`. */
export const REUSE_QUEUE_MAX = 8;

/** struct l1pt: where the table is, and pt_flags PTFLAG_STATIC / PTFLAG_CLEAN / PTFLAG_KPT. */
export interface L1Table {
  pfn: number;
  /** Its kernel VA (page index of kernel_map, from uvm_km_valloc). */
  kva: number;
  static: boolean;
  clean: boolean;
  kpt: boolean;
}

/** Where a pmap's L1 came from (pmap_allocpagedir, and the later strategies' own paths). */
export type L1Path = "static" | "reuse" | "fresh" | "aggressive" | "migration";

/**
 * A pmap_create that has not returned. "poll": pmap_pinit's ltsleep(&lbolt, "l1ptwait", timo)
 * after pmap_allocpagedir failed; "hoard": uvm_wait("pglac2") inside r1.90's aggressive
 * allocation, holding its kva and marked pages; "lock": waiting for uvm_pglistalloc_contig_lock.
 */
export interface PmapSleeper {
  pmap: number;
  phase: "poll" | "hoard" | "lock";
  /** Clock tick of the next poll. */
  wakeAt: number;
  /** r1.130 pmap_pinit: backoff (6 → 0) and retry (10 → 1). */
  backoff: number;
  retry: number;
  /** pmap_allocpagedir calls made so far. */
  attempts: number;
  /** The L1's kva while inside pmap_alloc_l1pt ("hoard", "lock"), else -1. */
  kva: number;
}

export interface L1Counters {
  /** L1s handed to pmaps, by path. */
  static: number;
  reuse: number;
  fresh: number;
  aggressive: number;
  migration: number;
  /** pmap_create calls that completed after sleeping in pmap_pinit. */
  afterBackoff: number;
  /** Failed pmap_allocpagedir calls. */
  retries: number;
  /** l1pt_static_create_count. */
  staticCreated: number;
  /** Tables given back to uvm by pmap_free_l1pt. */
  freed: number;
  pagesMigrated: number;
  pagesHoarded: number;
}

export interface L1State {
  /** pmap_postinit has run (at the first pmap.create: the model's boot has no pmap phase). */
  postinit: boolean;
  tables: SparseTable<L1Table>;
  nextTable: number;
  /** l1pt_static_queue and l1pt_queue (table ids, head first). */
  staticQueue: number[];
  reuseQueue: number[];
  /** Live pmaps by id: the table they use. */
  pmaps: SparseTable<number>;
  sleepers: SparseTable<PmapSleeper>;
  nextSleeper: number;
  /** uvm_pglistalloc_contig_lock: the pmap holding it + 1, or 0. */
  contigLock: number;
  /** Pages marked PG_PGLCA by the lock holder; their frames carry `hoardTag`. */
  hoard: SparseTable<number>;
  hoarded: number;
  hoardTag: number;
  counters: L1Counters;
}

export function initL1(): L1State {
  return {
    postinit: false,
    tables: {},
    nextTable: 1,
    staticQueue: [],
    reuseQueue: [],
    pmaps: {},
    sleepers: {},
    nextSleeper: 1,
    contigLock: 0,
    hoard: {},
    hoarded: 0,
    hoardTag: 0,
    counters: {
      static: 0,
      reuse: 0,
      fresh: 0,
      aggressive: 0,
      migration: 0,
      afterBackoff: 0,
      retries: 0,
      staticCreated: 0,
      freed: 0,
      pagesMigrated: 0,
      pagesHoarded: 0,
    },
  };
}
