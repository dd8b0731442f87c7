import { Type, type Static } from "@sinclair/typebox";

/**
 * The page and pager ops of EVENTS.md (seed 001, mpager.cpp). A page is an integer key of paged
 * content below 2^32; sizes are in pages. Values the kernel refuses are outcomes.
 */
const closed = { additionalProperties: false } as const;
const page = Type.Integer({ minimum: 0, maximum: 0xffffffff });
const pages = Type.Integer({ minimum: 0, maximum: 0xffffffff });

/** A touch of a page (a write with `write`) through paged page table `pt` (untracked if absent). */
export const PageAccessSchema = Type.Object(
  {
    op: Type.Literal("page.access"),
    page,
    write: Type.Optional(Type.Boolean()),
    pt: Type.Optional(Type.Integer({ minimum: 0, maximum: 0xffffffff })),
  },
  closed,
);

/** DPager::TryRejuvenate of an old or oldest page (a read fault through its latest PTE). */
export const PageRejuvenateSchema = Type.Object({ op: Type.Literal("page.rejuvenate"), page }, closed);

/** The pager takes a page (DPager::StealOrAllocPage without growing) and keeps it as a free page. */
export const PageStealSchema = Type.Object({ op: Type.Literal("page.steal") }, closed);

/** The owner decommits a resident page (Mmu::FreeRam → DPager::PageFreed). */
export const PageFreeSchema = Type.Object({ op: Type.Literal("page.free"), page }, closed);

/** A pinning mapping pins / unpins a page (DPager::Pin / Unpin with TPinArgs replacement pages). */
export const PagePinSchema = Type.Object({ op: Type.Literal("page.pin"), page }, closed);
export const PageUnpinSchema = Type.Object({ op: Type.Literal("page.unpin"), page }, closed);

/** The page cleaner writes a dirty page out (DPager::CleanSomePages). */
export const PageCleanSchema = Type.Object({ op: Type.Literal("page.clean"), page }, closed);

/** HAL EVMHalSetCacheSize in pages (DPager::ResizeLiveList); 0,0 restores the boot sizes. */
export const PagerResizeSchema = Type.Object(
  { op: Type.Literal("pager.resize"), minPages: pages, maxPages: pages },
  closed,
);

/** HAL EVMHalFlushCache (DPager::FlushAll). */
export const PagerFlushSchema = Type.Object({ op: Type.Literal("pager.flush") }, closed);

export type PageAccessEvent = Static<typeof PageAccessSchema>;
export type PageRejuvenateEvent = Static<typeof PageRejuvenateSchema>;
export type PageStealEvent = Static<typeof PageStealSchema>;
export type PageFreeEvent = Static<typeof PageFreeSchema>;
export type PagePinEvent = Static<typeof PagePinSchema>;
export type PageUnpinEvent = Static<typeof PageUnpinSchema>;
export type PageCleanEvent = Static<typeof PageCleanSchema>;
export type PagerResizeEvent = Static<typeof PagerResizeSchema>;
export type PagerFlushEvent = Static<typeof PagerFlushSchema>;
export type PagerEvent =
  | PageAccessEvent
  | PageRejuvenateEvent
  | PageStealEvent
  | PageFreeEvent
  | PagePinEvent
  | PageUnpinEvent
  | PageCleanEvent
  | PagerResizeEvent
  | PagerFlushEvent;
