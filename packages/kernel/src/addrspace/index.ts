/**
 * `addrspace`: HelenOS address spaces (seed 003, as.c of 2006-05-25): areas with their used space
 * in BTREE_M = 5 B+trees, anonymous-memory faults with frames from `ram`, sharing through
 * share_info pagemaps, as_switch with ASID stealing. Revision "2006" is the seed as written,
 * "fixed" the later HelenOS corrections (config.revisions.addrspace); each is cited where it applies.
 */
import { digestOf, type IdRange, type IdRef } from "@pagefold/engine";
import type { Subsystem } from "../subsystem.js";
import {
  AreaCreateSchema,
  AreaDestroySchema,
  AreaResizeSchema,
  AreaShareSchema,
  AsCreateSchema,
  AsDestroySchema,
  AsFaultSchema,
  AsLookupSchema,
  AsMapSchema,
  AsSwitchSchema,
  type AddrspaceEvent,
} from "./events.js";
import { addrspaceInvariants } from "./invariants.js";
import * as reduce from "./ops.js";
import { addrspaceReclaimer } from "./reclaim.js";
import { initAddrspace } from "./state.js";
import { addrspaceView } from "./view.js";

const AS = "as";
const none: readonly IdRange[] = [];

/** Ops naming one address space in `as`: the minimizer keeps its as.create. */
const onAs = {
  referenced: (event: { as: number }): readonly IdRef[] => [{ kind: AS, id: event.as }],
  rewrite: <E extends { as: number }>(event: E, [as]: readonly number[]): E => ({
    ...event,
    as: as ?? event.as,
  }),
};

export const addrspaceSubsystem: Subsystem<"addrspace", AddrspaceEvent> = {
  name: "addrspace",
  init: () => initAddrspace(),
  ops: {
    "as.create": {
      schema: AsCreateSchema,
      reduce: reduce.reduceAsCreate,
      produced: (event, outcome) => (outcome.ok ? [{ kind: AS, id: event.as, span: 1 }] : none),
    },
    "as.destroy": { schema: AsDestroySchema, reduce: reduce.reduceAsDestroy, ...onAs },
    "area.create": { schema: AreaCreateSchema, reduce: reduce.reduceAreaCreate, ...onAs },
    "area.resize": { schema: AreaResizeSchema, reduce: reduce.reduceAreaResize, ...onAs },
    "area.destroy": { schema: AreaDestroySchema, reduce: reduce.reduceAreaDestroy, ...onAs },
    "area.share": {
      schema: AreaShareSchema,
      reduce: reduce.reduceAreaShare,
      referenced: (event) => [
        { kind: AS, id: event.srcAs },
        { kind: AS, id: event.dstAs },
      ],
      rewrite: (event, [src, dst]) => ({ ...event, srcAs: src ?? event.srcAs, dstAs: dst ?? event.dstAs }),
    },
    "as.fault": { schema: AsFaultSchema, reduce: reduce.reduceAsFault, ...onAs },
    "as.map": {
      schema: AsMapSchema,
      reduce: reduce.reduceAsMap,
      referenced: (event) => [
        { kind: AS, id: event.as },
        { kind: "frame", id: event.pfn },
      ],
      rewrite: (event, [as, pfn]) => ({ ...event, as: as ?? event.as, pfn: pfn ?? event.pfn }),
    },
    "as.switch": { schema: AsSwitchSchema, reduce: reduce.reduceAsSwitch, ...onAs },
    "as.lookup": { schema: AsLookupSchema, reduce: reduce.reduceAsLookup, ...onAs },
  },
  digest: (slice) => digestOf(slice),
  invariants: addrspaceInvariants,
  view: addrspaceView,
  reclaimer: addrspaceReclaimer,
};

export {
  ASID_MAX,
  ASIDS_ALLOCABLE,
  KERNEL_ADDRESS_SPACE_START,
  PAGE_SIZE as AS_PAGE_SIZE,
} from "./constants.js";
export type { AddrspaceState } from "./state.js";
export type { AddrspaceView, AreaView, SpaceView } from "./view.js";
export * from "./events.js";
