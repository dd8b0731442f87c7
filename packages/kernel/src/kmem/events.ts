import { Type, type Static } from "@sinclair/typebox";

/**
 * The km ops of EVENTS.md (seed 004, uvm_km.c). Maps are named ("kernel_map" exists from boot;
 * submaps come from km.suballoc); sizes and addresses are bytes. Schemas check shape only: the
 * kernel's answers to odd values (an unknown map, size 0) are outcomes.
 */
const closed = { additionalProperties: false } as const;
/** A map name: a lower-case identifier, so names never collide with Object.prototype. */
const mapName = Type.String({ pattern: "^[a-z][a-z0-9_]{0,31}$" });
const bytes = Type.Integer({ minimum: 0, maximum: 2 ** 32 });
const address = Type.Integer({ minimum: 0, maximum: 2 ** 32 - 1 });

/** uvm_km_suballoc(kernel_map, &min, &max, size, pageable, fixed, NULL); `min` is the hint or fixed start. */
export const KmSuballocSchema = Type.Object(
  {
    op: Type.Literal("km.suballoc"),
    name: mapName,
    size: bytes,
    fixed: Type.Optional(Type.Boolean()),
    pageable: Type.Optional(Type.Boolean()),
    min: Type.Optional(address),
  },
  closed,
);

/** uvm_km_kmemalloc(map, obj, size, flags); `mapLocked`: another context holds the map's lock. */
export const KmKmemallocSchema = Type.Object(
  {
    op: Type.Literal("km.kmemalloc"),
    map: mapName,
    size: bytes,
    flags: Type.Optional(
      Type.Array(Type.Union([Type.Literal("nowait"), Type.Literal("valloc"), Type.Literal("trylock")]), {
        maxItems: 3,
      }),
    ),
    mapLocked: Type.Optional(Type.Boolean()),
  },
  closed,
);

/** uvm_km_alloc1(map, size, zeroit). */
export const KmAlloc1Schema = Type.Object(
  { op: Type.Literal("km.alloc1"), map: mapName, size: bytes, zero: Type.Optional(Type.Boolean()) },
  closed,
);

const vallocOf = <Op extends string>(op: Op) =>
  Type.Object({ op: Type.Literal(op), map: mapName, size: bytes }, closed);
/** uvm_km_valloc / uvm_km_valloc_wait(map, size). */
export const KmVallocSchema = vallocOf("km.valloc");
export const KmVallocWaitSchema = vallocOf("km.vallocWait");

const freeOf = <Op extends string>(op: Op) =>
  Type.Object({ op: Type.Literal(op), map: mapName, addr: address, size: bytes }, closed);
/** uvm_km_free / uvm_km_free_wakeup(map, addr, size). */
export const KmFreeSchema = freeOf("km.free");
export const KmFreeWakeupSchema = freeOf("km.freeWakeup");

/** uvm_km_alloc_poolpage1(map, obj) / uvm_km_free_poolpage1(map, addr). */
export const KmPoolpageAllocSchema = Type.Object(
  { op: Type.Literal("km.poolpageAlloc"), map: mapName },
  closed,
);
export const KmPoolpageFreeSchema = Type.Object(
  { op: Type.Literal("km.poolpageFree"), map: mapName, addr: address },
  closed,
);

export type KmSuballocEvent = Static<typeof KmSuballocSchema>;
export type KmKmemallocEvent = Static<typeof KmKmemallocSchema>;
export type KmAlloc1Event = Static<typeof KmAlloc1Schema>;
export type KmVallocEvent = Static<typeof KmVallocSchema>;
export type KmVallocWaitEvent = Static<typeof KmVallocWaitSchema>;
export type KmFreeEvent = Static<typeof KmFreeSchema>;
export type KmFreeWakeupEvent = Static<typeof KmFreeWakeupSchema>;
export type KmPoolpageAllocEvent = Static<typeof KmPoolpageAllocSchema>;
export type KmPoolpageFreeEvent = Static<typeof KmPoolpageFreeSchema>;
export type KmEvent =
  | KmSuballocEvent
  | KmKmemallocEvent
  | KmAlloc1Event
  | KmVallocEvent
  | KmVallocWaitEvent
  | KmFreeEvent
  | KmFreeWakeupEvent
  | KmPoolpageAllocEvent
  | KmPoolpageFreeEvent;
