import { Type, type Static } from "@sinclair/typebox";

/**
 * The ram ops of EVENTS.md. Schemas check only shape (a mistyped or missing field is a malformed
 * event); values the kernel would refuse, such as 0 pages or an absurd alignment, are outcomes.
 */
const closed = { additionalProperties: false } as const;
const pfn = Type.Integer({ minimum: 0 });
const pages = Type.Integer({ minimum: 0 });

/** Epoc::AllocPhysicalRam(size, phys, align): `align` is log2 pages; `movable` frames may migrate. */
export const RamAllocSchema = Type.Object(
  {
    op: Type.Literal("ram.alloc"),
    pages,
    align: Type.Optional(Type.Integer({ minimum: 0 })),
    movable: Type.Optional(Type.Boolean()),
  },
  closed,
);

/** Epoc::FreePhysicalRam(phys, size): frees frames pfn..pfn+pages-1 of ram allocations. */
export const RamFreeSchema = Type.Object({ op: Type.Literal("ram.free"), pfn, pages }, closed);

/** M::MovePage on a movable ram frame: it moves to the lowest free frame. */
export const RamMigrateSchema = Type.Object({ op: Type.Literal("ram.migrate"), pfn }, closed);

export type RamAllocEvent = Static<typeof RamAllocSchema>;
export type RamFreeEvent = Static<typeof RamFreeSchema>;
export type RamMigrateEvent = Static<typeof RamMigrateSchema>;
export type RamEvent = RamAllocEvent | RamFreeEvent | RamMigrateEvent;
