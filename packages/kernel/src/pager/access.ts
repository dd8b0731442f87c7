/**
 * `page.access`: what the MMU and mpager.cpp DPager::HandlePageFault do when a page of paged
 * content is touched through page table `pt` (NIL: a table the model does not track).
 * - PTE present, accessible and (for a write) writable: a hit the kernel never sees.
 * - PTE present but made inaccessible by aging, or read-only under a write: TryRejuvenate, a soft
 *   fault (the page becomes youngest, writes make it dirty).
 * - page resident but not mapped by `pt` (another process maps it, or its table was stolen):
 *   HandleFault finds it present (PageInDone → PagedIn) and maps it, a soft fault ("remap").
 * - page absent: a page-in, a hard fault, into a frame from StealOrAllocPage.
 * Each fault then rejuvenates the page-table page (RejuvenatePageTable).
 */
import { type Effect } from "@pagefold/engine";
import type { KernelState } from "../state.js";
import { doAlloc } from "../pagetables/alloc.js";
import { is2010 } from "../pagetables/geometry.js";
import { KernelPanic } from "../pagetables/panic.js";
import { sparseGet, sparseSet } from "../pagetables/sparse.js";
import { NIL } from "../pagetables/state.js";
import { isAllocated } from "../pagetables/sub-allocator.js";
import { frameOf, setWritable } from "./lists.js";
import { findPte, mapPage, pteAt } from "./mappings.js";
import { balanceAges } from "./balance.js";
import { moveToYoungest, pagedIn, rejuvenatePageTable } from "./paged-in.js";
import { touchPage } from "./policy.js";
import { pageInAllocPage } from "./steal-or-alloc.js";
import { FrameUse, type ContentPage } from "./state.js";

export interface AccessResult {
  kind: "hit" | "rejuvenate" | "remap" | "pagein";
  pfn: number;
  /** The page evicted to make room (a page-in only). */
  stolen?: number;
  /** The table that now maps the page, when the one asked for was stolen during the page-in. */
  pt?: number;
}

export function accessPage(
  state: KernelState,
  key: number,
  write: boolean,
  pt: number,
  effects: Effect[],
): AccessResult {
  const pager = state.pager;
  const page = sparseGet(pager.pages, key);
  if (page === undefined) return pageIn(state, key, write, pt, effects);
  const frame = frameOf(pager, page.pfn);
  const id = findPte(pager, page, pt);
  if (id === NIL) {
    pager.counters.softFaults++;
    pagedIn(state, page.pfn, effects); // PageInDone with the page already present
    if (write) setWritable(pager, frame);
    mapPage(state, key, page, pt, write);
    rejuvenatePageTable(state, pt, effects);
    return { kind: "remap", pfn: page.pfn };
  }
  const pte = pteAt(pager, id);
  if (state.config.pager.policy !== "live-list" || (pte.accessible && (!write || pte.writable))) {
    pager.counters.hits++;
    touchPage(state, page.pfn);
    if (write) {
      setWritable(pager, frame);
      pte.writable = true;
    }
    return { kind: "hit", pfn: page.pfn };
  }
  rejuvenate(state, page, pte.pt, id, write, effects);
  return { kind: "rejuvenate", pfn: page.pfn };
}

/** mpager.cpp DPager::TryRejuvenate through PTE `id` of a resident page. */
export function rejuvenate(
  state: KernelState,
  page: ContentPage,
  pt: number,
  id: number,
  write: boolean,
  effects: Effect[],
): void {
  const pager = state.pager;
  const frame = frameOf(pager, page.pfn);
  const pte = pteAt(pager, id);
  pager.counters.softFaults++;
  if (write) {
    setWritable(pager, frame);
    pte.writable = true;
  }
  pte.accessible = true;
  effects.push({ kind: "rejuvenated", page: pte.page, pfn: page.pfn });
  // BalanceAges is delayed until RejuvenatePageTable has looked at the page-table page.
  const balance = moveToYoungest(state, page.pfn);
  rejuvenatePageTable(state, pt, effects);
  if (balance) balanceAges(state, effects);
}

/** DPagedMemoryManager::HandleFault reading the page into a new frame, then mapping it. */
function pageIn(
  state: KernelState,
  key: number,
  write: boolean,
  pt: number,
  effects: Effect[],
): AccessResult {
  const pager = state.pager;
  const before = effects.length;
  const pfn = pageInAllocPage(state, effects);
  const steal = effects.slice(before).find((e) => e.kind === "steal");
  const frame = frameOf(pager, pfn);
  frame.use = FrameUse.Content;
  frame.owner = key;
  const page: ContentPage = { pfn, pteHead: NIL };
  sparseSet(pager.pages, key, page);
  pager.counters.hardFaults++;
  pagedIn(state, pfn, effects);
  if (write) setWritable(pager, frame);
  let table = pt;
  const stolenTable = pt !== NIL && !isAllocated(state.pagetables, pt);
  if (stolenTable) {
    // the page-in stole the page holding `pt`: the mapping allocates another (GetOrAllocatePageTable)
    table = doAlloc(state, true, effects);
    if (table === NIL) {
      const why = is2010(state) ? "" : " (revision 2009: paged page-table allocation can fail)";
      throw new KernelPanic(`DPagedMemoryManager::HandleFault: __NK_ASSERT_ALWAYS(r!=KErrNoMemory)${why}`);
    }
    effects.push({ kind: "pt-realloc", from: pt, to: table });
  }
  mapPage(state, key, page, table, write);
  rejuvenatePageTable(state, table, effects);
  return {
    kind: "pagein",
    pfn,
    ...(steal !== undefined ? { stolen: steal["page"] as number } : {}),
    ...(stolenTable ? { pt: table } : {}),
  };
}
