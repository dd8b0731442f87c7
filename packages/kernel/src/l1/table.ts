/**
 * L1 tables from and back to UVM, and the queues in front of it (arm32/pmap.c r1.18:
 * pmap_alloc_l1pt, pmap_free_l1pt, pmap_postinit, pmap_allocpagedir, pmap_freepagedir).
 */
import { err, PANIC, type Effect, type Outcome } from "@pagefold/engine";
import { addressOnly } from "../kmem/va.js";
import { pmapRemove } from "../kmem/pages.js";
import { unmap } from "../kmem/release.js";
import { sparseDelete, sparseGet, sparseSet } from "../sparse-table.js";
import { frameOwner, freeFrames } from "../ram/index.js";
import type { KernelState } from "../state.js";
import type { KernelServices } from "../subsystem.js";
import { pglistalloc } from "./contig.js";
import { L1_PAGES, MAX_PROCESSES, REUSE_QUEUE_MAX, type L1Path } from "./state.js";

/** A table and its path; a sleep inside uvm_pglistalloc holding `kva`; or null (ENOMEM). */
export type Pagedir =
  | { readonly table: number; readonly path: L1Path }
  | { readonly sleep: "hoard" | "lock"; readonly kva: number }
  | null;

/**
 * pmap_allocpagedir: the static queue, else the reuse queue (++l1pt_reuse_count), else a fresh
 * pmap_alloc_l1pt (++l1pt_create_count). A dirty table has its user part bzero'ed; the kernel
 * entries are copied once (PTFLAG_KPT); then it is dirty.
 */
export function allocPagedir(
  state: KernelState,
  services: KernelServices,
  pmap: number,
  effects: Effect[],
): Pagedir {
  const l1 = state.l1;
  let got: Pagedir;
  if (l1.staticQueue.length > 0) got = { table: l1.staticQueue.shift()!, path: "static" };
  else if (l1.reuseQueue.length > 0) got = { table: l1.reuseQueue.shift()!, path: "reuse" };
  else got = allocL1pt(state, services, pmap, state.config.revisions.l1 === "2021", effects);
  if (got !== null && "table" in got) dirty(state, got.table);
  return got;
}

function dirty(state: KernelState, id: number): void {
  const table = sparseGet(state.l1.tables, id)!;
  table.kpt = true;
  table.clean = false;
}

/** pmap_alloc_l1pt: uvm_km_valloc(kernel_map, L1_TABLE_SIZE), then uvm_pglistalloc; may fail. */
export function allocL1pt(
  state: KernelState,
  services: KernelServices,
  pmap: number,
  waitok: boolean,
  effects: Effect[],
): Pagedir {
  const kva = addressOnly(state, state.kmem.maps.kernel_map!, L1_PAGES, "l1");
  if (kva < 0) return null; // "pmap: Cannot allocate pageable memory for L1"
  const run = pglistalloc(state, services, pmap, waitok, effects);
  if (run === "hoard" || run === "lock") return { sleep: run, kva };
  const table = finishL1pt(state, kva, run === -1 ? -1 : run.pfn, effects);
  return table < 0 || run === -1 ? null : { table, path: run.path };
}

/**
 * The rest of pmap_alloc_l1pt once uvm_pglistalloc answered: on failure uvm_km_free the kva;
 * else pmap_enter each page wired at the kva (pt_flags = 0). Returns the table id or -1.
 */
export function finishL1pt(state: KernelState, kva: number, pfn: number, effects: Effect[]): number {
  if (pfn < 0) {
    unmap(state, "kernel_map", state.kmem.maps.kernel_map!, kva, kva + L1_PAGES, effects);
    return -1;
  }
  const id = frameOwner(state.ram, pfn)!.tag;
  state.l1.nextTable = Math.max(state.l1.nextTable, id + 1);
  sparseSet(state.l1.tables, id, { pfn, kva, static: false, clean: false, kpt: false });
  for (let i = 0; i < L1_PAGES; i++) sparseSet(state.kmem.pmap, kva + i, pfn + i);
  return id;
}

/** pmap_freepagedir: static → static queue; reuse queue under 8 → reuse queue; else pmap_free_l1pt. */
export function freePagedir(state: KernelState, id: number, effects: Effect[]): void {
  const l1 = state.l1;
  const table = sparseGet(l1.tables, id)!;
  if (table.static) l1.staticQueue.push(id);
  else if (l1.reuseQueue.length < REUSE_QUEUE_MAX) l1.reuseQueue.push(id);
  else return freeL1pt(state, id, effects);
  effects.push({ kind: "l1Queued", queue: table.static ? "static" : "reuse", l1: table.pfn });
}

/** pmap_free_l1pt: pmap_remove, uvm_pglistfree, uvm_km_free(kernel_map, pt_va, L1_TABLE_SIZE). */
function freeL1pt(state: KernelState, id: number, effects: Effect[]): void {
  const { pfn, kva } = sparseGet(state.l1.tables, id)!;
  pmapRemove(state.kmem, kva, kva + L1_PAGES);
  freeFrames(state.ram, pfn, L1_PAGES);
  unmap(state, "kernel_map", state.kmem.maps.kernel_map!, kva, kva + L1_PAGES, effects);
  sparseDelete(state.l1.tables, id);
  state.l1.counters.freed++;
  effects.push({ kind: "l1Freed", l1: pfn });
}

/**
 * pmap_postinit: max_processes static, clean L1s on the static queue, or
 * panic("Cannot allocate static L1 page tables").
 */
export function postinit(
  state: KernelState,
  services: KernelServices,
  effects: Effect[],
): Outcome | undefined {
  const l1 = state.l1;
  l1.postinit = true;
  for (let loop = 0; loop < MAX_PROCESSES; loop++) {
    const got = allocL1pt(state, services, -1, false, effects);
    if (got === null || !("table" in got)) return err(PANIC, "Cannot allocate static L1 page tables");
    const table = sparseGet(l1.tables, got.table)!;
    table.static = true;
    table.clean = true;
    l1.staticQueue.push(got.table);
    l1.counters.staticCreated++;
  }
  effects.push({ kind: "pmap_postinit", staticL1s: MAX_PROCESSES });
  return undefined;
}
