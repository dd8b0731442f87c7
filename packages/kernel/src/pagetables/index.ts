/**
 * `pagetables`: the Symbian flexible memory model's PageTableAllocator (seed 000, mptalloc.cpp),
 * revision "2009" as in the seed or "2010" (random paged-PT stealing and the pinned-PT limit,
 * upstream 1a0c8090). Unpaged page-table pages take fixed frames from `ram`; paged ones come from
 * the `pager`'s live list, which can steal them back.
 */
import { digestOf, type IdRange } from "@pagefold/engine";
import type { Subsystem } from "../subsystem.js";
import {
  PtAllocSchema,
  PtCleanupSchema,
  PtFreeSchema,
  PtMoveSchema,
  PtPinSchema,
  PtStealSchema,
  PtUnpinSchema,
  type PageTablesEvent,
} from "./events.js";
import { pagetablesInvariants } from "./invariants.js";
import {
  pagetablesTick,
  reducePtAlloc,
  reducePtCleanup,
  reducePtFree,
  reducePtMove,
  reducePtPin,
  reducePtSteal,
  reducePtUnpin,
} from "./reduce.js";
import { initPageTables } from "./state.js";
import { pagetablesView } from "./view.js";

const PT = "pt";
const none: readonly IdRange[] = [];
const ptRef = {
  referenced: (event: { pt: number }) => [{ kind: PT, id: event.pt }],
  rewrite: <E extends { pt: number }>(event: E, [pt]: readonly number[]): E => ({
    ...event,
    pt: pt ?? event.pt,
  }),
};

export const pagetablesSubsystem: Subsystem<"pagetables", PageTablesEvent> = {
  name: "pagetables",
  init: (config) => initPageTables(config),
  ops: {
    "pt.alloc": {
      schema: PtAllocSchema,
      reduce: reducePtAlloc,
      produced: (_event, outcome) =>
        outcome.ok ? [{ kind: PT, id: (outcome.value as { pt: number }).pt, span: 1 }] : none,
    },
    "pt.free": { schema: PtFreeSchema, reduce: reducePtFree, ...ptRef },
    "pt.pin": { schema: PtPinSchema, reduce: reducePtPin, ...ptRef },
    "pt.unpin": { schema: PtUnpinSchema, reduce: reducePtUnpin, ...ptRef },
    "pt.steal": { schema: PtStealSchema, reduce: reducePtSteal },
    "pt.move": { schema: PtMoveSchema, reduce: reducePtMove },
    "pt.cleanup": { schema: PtCleanupSchema, reduce: reducePtCleanup },
  },
  digest: (slice) => digestOf(slice),
  invariants: pagetablesInvariants,
  view: pagetablesView,
  tick: (state) => pagetablesTick(state),
};

export * from "./events.js";
export { geometryOf, type PtGeometry } from "./geometry.js";
export type { PageTableInfo, PageTablesState, SubAllocator } from "./state.js";
export type { PageTablesView, SubAllocatorView } from "./view.js";
