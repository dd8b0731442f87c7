/**
 * The PTEs that map paged content: a page may be mapped through several page tables (a shared
 * chunk in many processes' fine mappings) and a page table maps many pages. Each PTE is on its
 * page's list and on its table's list; a table's SPageTableInfo::iPageCount is its PTE count.
 * Page tables the model does not track (event without `pt`) are NIL.
 */
import type { Effect } from "@pagefold/engine";
import { KernelPanic } from "../pagetables/panic.js";
import type { KernelState } from "../state.js";
import { freePageTable } from "../pagetables/free.js";
import { infoOf } from "../pagetables/links.js";
import { sparseDelete, sparseGet, sparseSet } from "../pagetables/sparse.js";
import { NIL } from "../pagetables/state.js";
import type { ContentPage, PagerState, Pte } from "./state.js";

function pteOf(pager: PagerState, id: number): Pte {
  const pte = sparseGet(pager.ptes, id);
  if (pte === undefined) throw new Error(`pager: PTE ${id} does not exist`);
  return pte;
}

/** The page's PTE in table `pt`, or NIL. */
export function findPte(pager: PagerState, page: ContentPage, pt: number): number {
  for (let id = page.pteHead; id !== NIL; id = pteOf(pager, id).pageNext)
    if (pteOf(pager, id).pt === pt) return id;
  return NIL;
}

/** The PTE record `id` (found with findPte). */
export function pteAt(pager: PagerState, id: number): Pte {
  return pteOf(pager, id);
}

/** Mmu::PageInPages for one page: a new PTE in `pt` (IncPageCount), readable, writable if asked. */
export function mapPage(
  state: KernelState,
  key: number,
  page: ContentPage,
  pt: number,
  writable: boolean,
): number {
  const pager = state.pager;
  if (pager.nextPte >= 0xffffffff) throw new KernelPanic("model limit: 2^32 PTEs created");
  const id = pager.nextPte++;
  const pte: Pte = {
    page: key,
    pt,
    accessible: true,
    writable,
    pagePrev: NIL,
    pageNext: page.pteHead,
    ptPrev: NIL,
    ptNext: NIL,
  };
  if (page.pteHead !== NIL) pteOf(pager, page.pteHead).pagePrev = id;
  page.pteHead = id;
  if (pt !== NIL) {
    const info = infoOf(state.pagetables, pt);
    pte.ptNext = info.pteHead;
    if (info.pteHead !== NIL) pteOf(pager, info.pteHead).ptPrev = id;
    info.pteHead = id;
    info.pageCount++;
  }
  sparseSet(pager.ptes, id, pte);
  return id;
}

/** Removes one PTE from both lists; returns its table's remaining page count (or -1 for NIL). */
function removePte(state: KernelState, id: number, page: ContentPage | undefined): number {
  const pager = state.pager;
  const pte = pteOf(pager, id);
  if (pte.pagePrev !== NIL) pteOf(pager, pte.pagePrev).pageNext = pte.pageNext;
  else if (page !== undefined) page.pteHead = pte.pageNext;
  if (pte.pageNext !== NIL) pteOf(pager, pte.pageNext).pagePrev = pte.pagePrev;
  let left = -1;
  if (pte.pt !== NIL) {
    const info = infoOf(state.pagetables, pte.pt);
    if (pte.ptPrev !== NIL) pteOf(pager, pte.ptPrev).ptNext = pte.ptNext;
    else info.pteHead = pte.ptNext;
    if (pte.ptNext !== NIL) pteOf(pager, pte.ptNext).ptPrev = pte.ptPrev;
    left = --info.pageCount;
  }
  sparseDelete(pager.ptes, id);
  return left;
}

/**
 * DMemoryObject::UnmapPages for one page (a steal or a decommit): every PTE goes, and a table left
 * mapping nothing, with no permanence, is freed by its mapping (DFineMapping::FreePageTable).
 */
export function unmapPage(state: KernelState, page: ContentPage, effects: Effect[]): void {
  while (page.pteHead !== NIL) {
    const pt = pteOf(state.pager, page.pteHead).pt;
    const left = removePte(state, page.pteHead, page);
    if (
      left === 0 &&
      infoOf(state.pagetables, pt).permanence === 0 &&
      infoOf(state.pagetables, pt).pins === 0
    ) {
      effects.push({ kind: "pt-freed", pt, why: "maps no pages" });
      freePageTable(state, pt, effects);
    }
  }
}

/** SPageTableInfo::ForcedFree's memclr (and pt.free): the table's PTEs go; returns how many. */
export function unmapTable(state: KernelState, pt: number): number {
  const pager = state.pager;
  let count = 0;
  for (let id = infoOf(state.pagetables, pt).pteHead; id !== NIL; count++) {
    const pte = pteOf(pager, id);
    const next = pte.ptNext;
    removePte(state, id, sparseGet(pager.pages, pte.page));
    id = next;
  }
  return count;
}

/** RestrictPage(ERestrictPagesNoAccessForOldPage): every PTE of the page made inaccessible. */
export function restrictPage(state: KernelState, key: number): void {
  const page = sparseGet(state.pager.pages, key);
  if (page === undefined) return;
  for (let id = page.pteHead; id !== NIL; id = pteOf(state.pager, id).pageNext)
    pteOf(state.pager, id).accessible = false;
}

/** SPageInfo::SetReadOnly after cleaning: every PTE of the page read-only. */
export function makeReadOnly(state: KernelState, key: number): void {
  const page = sparseGet(state.pager.pages, key);
  if (page === undefined) return;
  for (let id = page.pteHead; id !== NIL; id = pteOf(state.pager, id).pageNext)
    pteOf(state.pager, id).writable = false;
}
