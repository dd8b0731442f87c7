import { Type, type Static } from "@sinclair/typebox";

/** The pmap ops of EVENTS.md (seed 002): a pmap is named by an integer id chosen by the caller. */
const closed = { additionalProperties: false } as const;
const pmapId = Type.Integer({ minimum: 0, maximum: 2 ** 24 - 1 });

/** pmap_create → pmap_pinit: an L1 for a new address space, or a sleep until one is found. */
export const PmapCreateSchema = Type.Object({ op: Type.Literal("pmap.create"), pmap: pmapId }, closed);
/** pmap_destroy → pmap_freepagedir: the L1 goes back to a queue or to uvm. */
export const PmapDestroySchema = Type.Object({ op: Type.Literal("pmap.destroy"), pmap: pmapId }, closed);

export type PmapCreateEvent = Static<typeof PmapCreateSchema>;
export type PmapDestroyEvent = Static<typeof PmapDestroySchema>;
export type PmapEvent = PmapCreateEvent | PmapDestroyEvent;
