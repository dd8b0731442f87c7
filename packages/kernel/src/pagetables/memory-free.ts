import type { KernelState } from "../state.js";
import { freeFrames } from "../ram/allocator.js";
import { pageInFreePage } from "../pager/free.js";
import { sparseDelete, sparseGet } from "./sparse.js";

/**
 * mptalloc.cpp DPageTableMemoryManager::Free: decommits page `index` of the page-table memory
 * (`info` false) or of the info memory (`info` true). A paged frame goes back to the live list as
 * a free page (DPager::PageInFreePages); an unpaged one back to RAM (Mmu::FreeRam EPageFixed).
 */
export function decommitPtMemory(state: KernelState, index: number, info: boolean, paged: boolean): void {
  const pts = state.pagetables;
  const table = info ? pts.infoPages : pts.ptPages;
  const pfn = sparseGet(table, index);
  if (pfn === undefined) throw new Error(`DPageTableMemoryManager::Free: page ${index} is not committed`);
  sparseDelete(table, index);
  if (paged) pageInFreePage(state, pfn);
  else freeFrames(state.ram, pfn, 1);
}
