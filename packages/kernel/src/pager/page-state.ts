import type { KernelState } from "../state.js";
import { sparseGet } from "../pagetables/sparse.js";
import { NIL } from "../pagetables/state.js";
import { findPte, pteAt } from "./mappings.js";

/** u32hal.h TPageState bits of the HAL call EVMPageState. */
export const PageStateBits = {
  InRamCode: 1 << 17,
  Paged: 1 << 18,
  PageTablePresent: 1 << 19,
  PtePresent: 1 << 20,
  PteValid: 1 << 21,
} as const;

/**
 * mpager.cpp TestPageState (HAL EVMPageState) for a page of paged code, seen through page table
 * `pt` (its latest PTE when omitted): InRamCode | Paged, PtePresent when a PTE maps it, PteValid
 * when that PTE is accessible (not aged), and the frame's SPageInfo type | paged state << 8.
 */
export function testPageState(state: KernelState, key: number, pt: number = NIL): number {
  let r = PageStateBits.InRamCode | PageStateBits.Paged;
  const pager = state.pager;
  const page = sparseGet(pager.pages, key);
  if (page === undefined) return r;
  const id = pt === NIL ? page.pteHead : findPte(pager, page, pt);
  if (id === NIL) return r;
  r |= PageStateBits.PtePresent;
  if (pteAt(pager, id).accessible) r |= PageStateBits.PteValid;
  const frame = sparseGet(pager.frames, page.pfn);
  // SPageInfo::EManaged = 1 for a page a memory object owns.
  if (frame !== undefined) r |= 1 | (frame.state << 8);
  return r;
}

/** RPageArray::IsPresent for a page of paged content: its memory object holds a frame for it. */
export function isPageResident(state: KernelState, key: number): boolean {
  return sparseGet(state.pager.pages, key) !== undefined;
}
