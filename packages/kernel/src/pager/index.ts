/**
 * `pager`: the flexible memory model's demand-paging live list (seed 001, mpager.cpp DPager as of
 * 201043, the code KERNEL-SOURCES.md §1.4 describes): young, old, oldest-clean and oldest-dirty
 * lists, page-in and stealing, rejuvenation, dirty pages, pinning, resizing and flushing, with
 * "lru", "fifo" and "clock" replayable on the same events. It owns the frames of paged content and
 * of paged page tables, takes them from `ram` and gives its spare ones back when RAM is short.
 * (revisions.pager is not consulted: the 2009 mpager.cpp, without StealOrAllocPage and with its
 * free pages on the old list, is not modelled.)
 */
import { digestOf } from "@pagefold/engine";
import type { Subsystem } from "../subsystem.js";
import {
  PageAccessSchema,
  PageCleanSchema,
  PageFreeSchema,
  PagePinSchema,
  PagerFlushSchema,
  PagerResizeSchema,
  PageRejuvenateSchema,
  PageStealSchema,
  PageUnpinSchema,
  type PagerEvent,
} from "./events.js";
import { pagerInvariants } from "./invariants.js";
import { reducePageClean, reducePagePin, reducePageUnpin } from "./pin-ops.js";
import { pagerReclaimer } from "./reclaim.js";
import {
  reducePageAccess,
  reducePageFree,
  reducePageRejuvenate,
  reducePagerFlush,
  reducePagerResize,
  reducePageSteal,
} from "./reduce.js";
import { initPager } from "./state.js";
import { pagerView } from "./view.js";

export const pagerSubsystem: Subsystem<"pager", PagerEvent> = {
  name: "pager",
  init: () => initPager(),
  ops: {
    "page.access": {
      schema: PageAccessSchema,
      reduce: reducePageAccess,
      referenced: (event) => (event.pt === undefined ? [] : [{ kind: "pt", id: event.pt }]),
      rewrite: (event, [pt]) => (event.pt === undefined ? event : { ...event, pt: pt ?? event.pt }),
    },
    "page.rejuvenate": { schema: PageRejuvenateSchema, reduce: reducePageRejuvenate },
    "page.steal": { schema: PageStealSchema, reduce: reducePageSteal },
    "page.free": { schema: PageFreeSchema, reduce: reducePageFree },
    "page.pin": { schema: PagePinSchema, reduce: reducePagePin },
    "page.unpin": { schema: PageUnpinSchema, reduce: reducePageUnpin },
    "page.clean": { schema: PageCleanSchema, reduce: reducePageClean },
    "pager.resize": { schema: PagerResizeSchema, reduce: reducePagerResize },
    "pager.flush": { schema: PagerFlushSchema, reduce: reducePagerFlush },
  },
  digest: (slice) => digestOf(slice),
  invariants: pagerInvariants,
  view: pagerView,
  reclaimer: pagerReclaimer,
};

export * from "./events.js";
export { FrameUse, PagedState, type PagerCounters, type PagerState } from "./state.js";
export type { PagerView } from "./view.js";
export { isPageResident, PageStateBits, testPageState } from "./page-state.js";
export { liveListInfo } from "./resize.js";
