/**
 * Page tables (page.c page_mapping_insert/find/remove through as_operations) as one sparse
 * vpn → PTE table per address space. A PTE packs the physical frame number with the page flags
 * as.c area_flags_to_page_flags computes: `frame * 16 + flags`; a PTE exists only while present.
 * The frames of the page tables themselves belong to the pagetables and l1 subsystems.
 */
import { AS_AREA_DEVICE, AS_AREA_EXEC, AS_AREA_READ, AS_AREA_WRITE, PAGE_WIDTH } from "./constants.js";
import type { AddressSpace } from "./state.js";
import { sparseDelete, sparseGet, sparseSet } from "../sparse-table.js";

export const PAGE_READ = 1;
export const PAGE_WRITE = 2;
export const PAGE_EXEC = 4;
export const PAGE_CACHEABLE = 8;
const FLAG_BITS = 16;

/** as.c area_flags_to_page_flags (PAGE_USER | PAGE_PRESENT are implied). */
export function areaFlagsToPageFlags(aflags: number): number {
  let flags = 0;
  if (aflags & AS_AREA_READ) flags |= PAGE_READ;
  if (aflags & AS_AREA_WRITE) flags |= PAGE_WRITE;
  if (aflags & AS_AREA_EXEC) flags |= PAGE_EXEC;
  if (!(aflags & AS_AREA_DEVICE)) flags |= PAGE_CACHEABLE;
  return flags;
}

export const pteFrame = (pte: number): number => Math.floor(pte / FLAG_BITS);
export const pteFlags = (pte: number): number => pte % FLAG_BITS;

/** page_mapping_insert: maps the page holding `addr` (any existing mapping is replaced). */
export function pageMappingInsert(as: AddressSpace, addr: number, frame: number, flags: number): void {
  sparseSet(as.ptes, addr >>> PAGE_WIDTH, frame * FLAG_BITS + flags);
}

/** page_mapping_find: the present PTE of the page holding `addr`, or undefined. */
export function pageMappingFind(as: AddressSpace, addr: number): number | undefined {
  return sparseGet(as.ptes, addr >>> PAGE_WIDTH);
}

export function pageMappingRemove(as: AddressSpace, addr: number): void {
  sparseDelete(as.ptes, addr >>> PAGE_WIDTH);
}
