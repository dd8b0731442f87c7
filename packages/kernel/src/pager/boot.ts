/**
 * Booting paging. The kernel runs PageTableAllocator::Init2 and DPager::InitCache at boot; the
 * model runs them just before the first pagetables or pager event (or tick with work for them),
 * so a machine that never pages (every ram-only run) keeps all its frames, and a paging run sees
 * the same boot whatever came before it. Both take their frames from `ram`.
 */
import type { KernelState } from "../state.js";
import { MAX_PAGER_PAGES } from "../config.js";
import { initPageTableAllocator } from "../pagetables/boot.js";
import { KernelPanic } from "../pagetables/panic.js";
import { NIL } from "../pagetables/state.js";
import { addAsFreePage } from "./live-list.js";
import { allocPagerFrame } from "./system.js";

/** mpager.cpp KMinOldPages. */
export const MIN_OLD_PAGES = 1;

/** Runs Init2 and InitCache once; throws KernelPanic where the kernel's assertions would fail. */
export function ensurePagingBooted(state: KernelState): void {
  if (!state.pagetables.booted) initPageTableAllocator(state);
  if (!state.pager.booted) initCache(state);
}

function check(condition: boolean, assertion: string): void {
  if (!condition) throw new KernelPanic(`mpager.cpp DPager::InitCache: __NK_ASSERT_ALWAYS(${assertion})`);
}

/**
 * mpager.cpp DPager::InitCache on a uniprocessor without paging devices (no read requests, so
 * DPageReadRequest::ReservedPagesRequired() = 0). config.pager.minPages/maxPages stand for the
 * ROM's iDemandPagingConfig; the cache starts with `min` free pages on oldestClean.
 */
export function initCache(state: KernelState): void {
  const pager = state.pager;
  const config = state.config.pager;
  const arm = state.config.arch === "arm";
  // 4 (6 on x86) pages for the worst-case instruction, plus their page tables and info pages.
  pager.minYoungPages = arm ? 4 + Math.ceil(4 / 4) + Math.ceil(4 / 256) : 6 + 6 + 1;
  pager.absoluteMinPageCount = 2 * pager.minYoungPages;
  pager.youngOldRatio = config.youngOldRatio;
  pager.oldOldestRatio = config.oldOldestRatio;
  pager.maxOldestPages = config.maxOldestPages;
  pager.minimumPageLimit = Math.max(
    Math.floor((pager.minYoungPages * (1 + pager.youngOldRatio)) / pager.youngOldRatio),
    pager.absoluteMinPageCount,
  );
  let min = Math.max(config.minPages, pager.absoluteMinPageCount);
  if (pager.minimumPageLimit + pager.reservePageCount > min)
    min = pager.minimumPageLimit + pager.reservePageCount;
  const max = Math.min(config.maxPages, MAX_PAGER_PAGES);
  pager.minimumPageCount = pager.initMinimumPageCount = min;
  pager.maximumPageCount = pager.initMaximumPageCount = max;
  check(max >= min, "iMaximumPageCount >= iMinimumPageCount");
  const minOldAndOldest = Math.floor(min / (1 + pager.youngOldRatio));
  check(minOldAndOldest >= MIN_OLD_PAGES, "minOldAndOldest >= KMinOldPages");
  check(min - minOldAndOldest >= pager.minYoungPages, "minYoung >= iMinYoungPages");
  check(
    pager.youngOldRatio <= Math.floor((min - MIN_OLD_PAGES) / MIN_OLD_PAGES),
    "iYoungOldRatio <= ratioLimit",
  );
  check(Math.floor(minOldAndOldest / (1 + pager.oldOldestRatio)) > 0, "oldestCount");
  pager.numberOfFreePages = 0;
  pager.numberOfDirtyPages = 0;
  for (let i = pager.reservePageCount; i < min; i++) {
    const pfn = allocPagerFrame(state);
    check(pfn !== NIL, "r == KErrNone");
    addAsFreePage(pager, pfn);
  }
  pager.booted = true;
}
