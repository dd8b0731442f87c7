import { err, ok, type Effect, type Outcome } from "@pagefold/engine";
import { KErrArgument, KErrNoMemory } from "../codes.js";
import { MAX_PAGER_PAGES } from "../config.js";
import type { KernelState } from "../state.js";
import { tryGrowLiveList, tryReturnOldestPageToSystem } from "./steal-or-alloc.js";
import type { PagerState } from "./state.js";

/** mpager.cpp DPager::GetLiveListInfo (HAL EVMHalGetCacheSize), in pages: current = min + free. */
export function liveListInfo(pager: PagerState): {
  minPages: number;
  maxPages: number;
  currentPages: number;
  maxFreePages: number;
} {
  return {
    minPages: pager.minimumPageCount,
    maxPages: pager.maximumPageCount,
    currentPages: pager.minimumPageCount + pager.numberOfFreePages,
    maxFreePages: pager.numberOfFreePages,
  };
}

/**
 * mpager.cpp DPager::ResizeLiveList (HAL EVMHalSetCacheSize, sizes already in pages). max 0
 * restores the boot sizes; max is clamped to KAbsoluteMaxPageCount; min > max is KErrArgument;
 * min is raised to iMinimumPageLimit + reserve and max to min. Then: raise max, lower min (the
 * difference becomes free pages), raise min (using free pages, else growing from RAM: a failure is
 * KErrNoMemory, the sizes reached so far stay), lower max (returning the oldest pages to RAM).
 */
export function resizeLiveList(
  state: KernelState,
  minPages: number,
  maxPages: number,
  effects: Effect[],
): Outcome {
  const pager = state.pager;
  let min = minPages;
  let max = maxPages;
  if (max === 0) {
    min = pager.initMinimumPageCount;
    max = pager.initMaximumPageCount;
  }
  if (max > MAX_PAGER_PAGES) max = MAX_PAGER_PAGES;
  if (min > max) return err(KErrArgument, `minimum ${min} pages is above maximum ${max}`);
  const limit = Math.floor((pager.minYoungPages * (1 + pager.youngOldRatio)) / pager.youngOldRatio);
  pager.minimumPageLimit = Math.max(limit, pager.absoluteMinPageCount);
  if (min < pager.minimumPageLimit + pager.reservePageCount)
    min = pager.minimumPageLimit + pager.reservePageCount;
  if (max < min) max = min;
  if (max > pager.maximumPageCount) pager.maximumPageCount = max;
  if (min < pager.minimumPageCount) {
    pager.numberOfFreePages += pager.minimumPageCount - min;
    pager.minimumPageCount = min;
  }
  let outOfMemory = false;
  while (min > pager.minimumPageCount) {
    const newMin = Math.min(min, pager.minimumPageCount + pager.numberOfFreePages);
    if (newMin === pager.minimumPageCount) {
      if (!tryGrowLiveList(state)) {
        outOfMemory = true;
        break;
      }
    } else {
      pager.numberOfFreePages -= newMin - pager.minimumPageCount;
      pager.minimumPageCount = newMin;
    }
  }
  while (max < pager.maximumPageCount) {
    const newMax = Math.max(max, pager.minimumPageCount + pager.numberOfFreePages);
    if (newMax === pager.maximumPageCount) tryReturnOldestPageToSystem(state, effects);
    else pager.maximumPageCount = newMax;
  }
  const info = liveListInfo(pager);
  const sizes = { minPages: info.minPages, maxPages: info.maxPages, currentPages: info.currentPages };
  if (outOfMemory) return err(KErrNoMemory, `RAM ran out growing the cache to ${min} pages`, effects);
  return ok(sizes, effects);
}
