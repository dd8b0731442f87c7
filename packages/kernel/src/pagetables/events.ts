import { Type, type Static } from "@sinclair/typebox";

/**
 * The pt ops of EVENTS.md (seed 000, PageTableAllocator). Schemas check shape only: a table that is
 * not allocated or a page that is not committed is an outcome (KErrArgument), not a malformed event.
 */
const closed = { additionalProperties: false } as const;
const index = Type.Integer({ minimum: 0, maximum: 0xffffffff });

/** PageTableAllocator::Alloc(aDemandPaged), for a fine mapping: answers { pt }. */
export const PtAllocSchema = Type.Object({ op: Type.Literal("pt.alloc"), paged: Type.Boolean() }, closed);

/** PageTableAllocator::Free of an allocated table (its PTEs are cleared first). */
export const PtFreeSchema = Type.Object({ op: Type.Literal("pt.free"), pt: index }, closed);

/** PageTableAllocator::PinPageTable / UnpinPageTable of a paged table. */
export const PtPinSchema = Type.Object({ op: Type.Literal("pt.pin"), pt: index }, closed);
export const PtUnpinSchema = Type.Object({ op: Type.Literal("pt.unpin"), pt: index }, closed);

/**
 * The pager steals a paged page of page tables (or, with `info`, the page of SPageTableInfos of
 * group `ptPage`): PageTableAllocator::StealPage / StealPageTableInfo; KErrCompletion on success.
 */
export const PtStealSchema = Type.Object(
  { op: Type.Literal("pt.steal"), ptPage: index, info: Type.Optional(Type.Boolean()) },
  closed,
);

/** PageTableAllocator::MovePage (RAM defrag): KErrNotSupported unpaged, KErrInUse pinned, else discarded. */
export const PtMoveSchema = Type.Object(
  { op: Type.Literal("pt.move"), ptPage: index, info: Type.Optional(Type.Boolean()) },
  closed,
);

/** PageTableAllocator::Cleanup, the deferred callback, run now. */
export const PtCleanupSchema = Type.Object({ op: Type.Literal("pt.cleanup") }, closed);

export type PtAllocEvent = Static<typeof PtAllocSchema>;
export type PtFreeEvent = Static<typeof PtFreeSchema>;
export type PtPinEvent = Static<typeof PtPinSchema>;
export type PtUnpinEvent = Static<typeof PtUnpinSchema>;
export type PtStealEvent = Static<typeof PtStealSchema>;
export type PtMoveEvent = Static<typeof PtMoveSchema>;
export type PtCleanupEvent = Static<typeof PtCleanupSchema>;
export type PageTablesEvent =
  PtAllocEvent | PtFreeEvent | PtPinEvent | PtUnpinEvent | PtStealEvent | PtMoveEvent | PtCleanupEvent;
