/**
 * The DPTest / HAL calls and buffer walks the Symbian demand-paging tests share, as events:
 * DPTest::CacheSize (EVMHalGetCacheSize, read from the view), SetCacheSize (pager.resize with
 * sizes in bytes rounded up to pages), FlushCache (pager.flush), and t_demandpaging's
 * ThrashPaging and FragmentPagingCache over a paged ROM buffer (pages mapped by the ROM's page
 * tables, which the model does not track).
 */
import type { Outcome } from "@pagefold/engine";
import { bytesToPages, type Driver } from "./driver.js";

export const PAGE_SIZE = 4096;
/** Page keys of LargeBuffer (a paged ROM area of LARGE_BUFFER_PAGES pages). */
export const LARGE_BUFFER = 1_000_000;
export const LARGE_BUFFER_PAGES = 2048;

export interface CacheSize {
  readonly min: number;
  readonly max: number;
  readonly current: number;
}

/** DPTest::CacheSize in bytes (DPager::GetLiveListInfo: current = min + free). */
export function cacheSize(driver: Driver): CacheSize {
  const p = driver.state.pager;
  return {
    min: p.minimumPageCount * PAGE_SIZE,
    max: p.maximumPageCount * PAGE_SIZE,
    current: (p.minimumPageCount + p.numberOfFreePages) * PAGE_SIZE,
  };
}

/** DPTest::SetCacheSize(min, max) in bytes (TUint arithmetic: sizes wrap at 2^32, as in the HAL call). */
export function setCacheSize(driver: Driver, minBytes: number, maxBytes: number): Outcome {
  return driver.apply({
    op: "pager.resize",
    minPages: bytesToPages(minBytes >>> 0),
    maxPages: bytesToPages(maxBytes >>> 0),
  });
}

/** DPTest::FlushCache. */
export function flushCache(driver: Driver): void {
  driver.apply({ op: "pager.flush" });
}

/** t_demandpaging ThrashPaging: 5·size/PageSize reads at LCG-chosen offsets of LargeBuffer. */
export function thrashPaging(driver: Driver, bytes: number): void {
  const size = Math.min(LARGE_BUFFER_PAGES * PAGE_SIZE, bytes);
  const reads = Math.floor((5 * size) / PAGE_SIZE);
  let random = 1;
  for (let i = 0; i < reads; i++) {
    const offset = Math.floor((random * size) / 2 ** 32);
    driver.apply({ op: "page.access", page: LARGE_BUFFER + Math.floor(offset / PAGE_SIZE) });
    random = (Math.imul(random, 69069) + 1) >>> 0;
  }
}

/**
 * t_demandpaging FragmentPagingCache: flush, then for each page of a local chunk commit it (about
 * one in four, LCG below 0x40000000) and read the next page of LargeBuffer, so chunk pages and
 * cache pages interleave in RAM; finally close the chunk, leaving holes between cache pages.
 */
export function fragmentPagingCache(driver: Driver, maxBytes: number): void {
  flushCache(driver);
  const size = Math.min(LARGE_BUFFER_PAGES * PAGE_SIZE, maxBytes);
  const chunk: number[] = [];
  let random = 0;
  for (let i = 0; i < size; i += PAGE_SIZE) {
    random = (Math.imul(random, 69069) + 1) >>> 0;
    if (random < 0x40000000) {
      const outcome = driver.apply({ op: "ram.alloc", pages: 1, movable: true });
      if (outcome.ok) chunk.push((outcome.value as { pfn: number }).pfn);
    }
    driver.apply({ op: "page.access", page: LARGE_BUFFER + i / PAGE_SIZE });
  }
  for (const pfn of chunk) driver.apply({ op: "ram.free", pfn, pages: 1 });
}
