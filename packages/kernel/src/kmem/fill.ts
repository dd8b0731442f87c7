/**
 * The page loop shared by uvm_km_kmemalloc and uvm_km_alloc1 (and, in 2012, uvm_km_alloc): one
 * page per iteration at `loopva`/`offset`, entered wired; on a shortage the caller decides
 * between failing (NOWAIT) and sleeping in uvm_wait and retrying the same page later.
 */
import { PANIC, err, type Outcome } from "@pagefold/engine";
import { OwnerKind } from "../ram/index.js";
import type { KernelState } from "../state.js";
import type { KernelServices } from "../subsystem.js";
import { pageAlloc, wirePage } from "./pages.js";
import { sparseGet } from "../sparse-table.js";
import { addressOf, type KmemObjectName } from "./state.js";

/** A fill in progress: pages [kva + done, kva + pages) still to allocate. */
export interface Fill {
  readonly op: "km.kmemalloc" | "km.alloc1";
  readonly kva: number;
  readonly pages: number;
  done: number;
  readonly obj: KmemObjectName | null;
  readonly nowait: boolean;
}

/** "done", "short" (no page: the caller fails or sleeps) or a PANIC outcome. */
export type FillResult = "done" | "short" | Outcome;

/**
 * Allocates the remaining pages. The object offset of each page is kva − vm_map_min(kernel_map),
 * and kernel_map starts at page 0, so the offset page equals the va page (uvm_km.c overview).
 */
export function fillPages(state: KernelState, services: KernelServices, fill: Fill): FillResult {
  const kmem = state.kmem;
  const era = state.config.revisions.kmem;
  while (fill.done < fill.pages) {
    const va = fill.kva + fill.done;
    const offset = va - kmem.maps.kernel_map!.min;
    const stray = alreadyThere(state, fill, va, offset);
    if (stray !== undefined) return stray;
    // 1998: every page goes to a kernel object, which may use the kernel reserve.
    // 2012 uvm_km_alloc: object-less wired pages; UVM_PGA_USERESERVE only with UVM_KMF_NOWAIT.
    const useReserve = era === "1998" ? fill.obj !== null : fill.nowait;
    const pfn = pageAlloc(state, services, useReserve, OwnerKind.Kmem, va);
    if (pfn < 0) return "short";
    wirePage(kmem, era === "1998" ? fill.obj : null, va, offset, pfn);
    kmem.counters.pagesAllocated++;
    fill.done++;
  }
  return "done";
}

/**
 * uvm_km_alloc1 (1998): a kernel_object page already at the offset "must be released", else
 * panic("uvm_km_alloc1: non-released page"); pages are never left busy between events here.
 * uvm_km_alloc (2012): KASSERTMSG(!pmap_extract(pmap_kernel(), loopva, NULL)).
 */
function alreadyThere(state: KernelState, fill: Fill, va: number, offset: number): Outcome | undefined {
  if (state.config.revisions.kmem === "2012") {
    if (sparseGet(state.kmem.pmap, va) === undefined) return undefined;
    return err(PANIC, `uvm_km_alloc: loopva=0x${addressOf(va).toString(16)} is already mapped`);
  }
  if (fill.op !== "km.alloc1") return undefined;
  if (sparseGet(state.kmem.objects.kernel_object.pages, offset) === undefined) return undefined;
  return err(PANIC, "uvm_km_alloc1: non-released page");
}
