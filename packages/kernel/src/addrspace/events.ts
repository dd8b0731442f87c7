import { Type, type Static } from "@sinclair/typebox";
import { MAX_AS_ID, MAX_CPUS } from "./constants.js";

/**
 * The as.* and area.* ops of EVENTS.md (seed 003). Schemas check shape only: addresses and sizes
 * are 32-bit unsigned integers, and anything the kernel itself refuses (a misaligned base, a
 * zero size, an unknown address space) is an outcome.
 */
const closed = { additionalProperties: false } as const;
const asId = Type.Integer({ minimum: 0, maximum: MAX_AS_ID });
const u32 = Type.Integer({ minimum: 0, maximum: 0xffffffff });
const flag = Type.Union([
  Type.Literal("read"),
  Type.Literal("write"),
  Type.Literal("exec"),
  Type.Literal("device"),
]);

/** as_create(flags): `kernel` is FLAG_AS_KERNEL (there is one kernel address space). */
export const AsCreateSchema = Type.Object(
  { op: Type.Literal("as.create"), as: asId, kernel: Type.Optional(Type.Boolean()) },
  closed,
);
/** as_free (revision 2006) or as_destroy (fixed). */
export const AsDestroySchema = Type.Object({ op: Type.Literal("as.destroy"), as: asId }, closed);

/** as_area_create(as, flags, size, base, ...); backend defaults to the anonymous one (sys_as_area_create). */
export const AreaCreateSchema = Type.Object(
  {
    op: Type.Literal("area.create"),
    as: asId,
    base: u32,
    size: u32,
    flags: Type.Array(flag, { maxItems: 4 }),
    backend: Type.Optional(Type.Union([Type.Literal("anon"), Type.Literal("none")])),
  },
  closed,
);
export const AreaResizeSchema = Type.Object(
  { op: Type.Literal("area.resize"), as: asId, addr: u32, size: u32 },
  closed,
);
export const AreaDestroySchema = Type.Object(
  { op: Type.Literal("area.destroy"), as: asId, addr: u32 },
  closed,
);
/** as_area_share(src_as, src_base, acc_size, dst_base) as called by a thread of dstAs. */
export const AreaShareSchema = Type.Object(
  { op: Type.Literal("area.share"), srcAs: asId, srcBase: u32, size: u32, dstAs: asId, dstBase: u32 },
  closed,
);
/** as_page_fault(addr, access) in `as`; inCopy: inside copy_from_uspace / copy_to_uspace. */
export const AsFaultSchema = Type.Object(
  {
    op: Type.Literal("as.fault"),
    as: asId,
    addr: u32,
    access: Type.Union([Type.Literal("read"), Type.Literal("write"), Type.Literal("exec")]),
    inCopy: Type.Optional(Type.Union([Type.Literal("from"), Type.Literal("to")])),
  },
  closed,
);
/** as_set_mapping(as, page, frame): `pfn` is a ram frame number. */
export const AsMapSchema = Type.Object({ op: Type.Literal("as.map"), as: asId, page: u32, pfn: u32 }, closed);
export const AsSwitchSchema = Type.Object(
  {
    op: Type.Literal("as.switch"),
    as: asId,
    cpu: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_CPUS - 1 })),
  },
  closed,
);
/** as_get_physical_mapping (later HelenOS; uspace tester mapping1). */
export const AsLookupSchema = Type.Object({ op: Type.Literal("as.lookup"), as: asId, addr: u32 }, closed);

export type AsCreateEvent = Static<typeof AsCreateSchema>;
export type AsDestroyEvent = Static<typeof AsDestroySchema>;
export type AreaCreateEvent = Static<typeof AreaCreateSchema>;
export type AreaResizeEvent = Static<typeof AreaResizeSchema>;
export type AreaDestroyEvent = Static<typeof AreaDestroySchema>;
export type AreaShareEvent = Static<typeof AreaShareSchema>;
export type AsFaultEvent = Static<typeof AsFaultSchema>;
export type AsMapEvent = Static<typeof AsMapSchema>;
export type AsSwitchEvent = Static<typeof AsSwitchSchema>;
export type AsLookupEvent = Static<typeof AsLookupSchema>;
export type AddrspaceEvent =
  | AsCreateEvent
  | AsDestroyEvent
  | AreaCreateEvent
  | AreaResizeEvent
  | AreaDestroyEvent
  | AreaShareEvent
  | AsFaultEvent
  | AsMapEvent
  | AsSwitchEvent
  | AsLookupEvent;
