/**
 * `l1`: the ARM L1 translation tables of NetBSD's old arm32 pmap (seed 002): pmap.create needs 16
 * KiB of physically contiguous, 16 KiB-aligned memory, which free-page counts cannot promise.
 * config.revisions.l1 picks how the kernel looks for it: "2001" (pmap.c r1.18: static queue, reuse
 * queue of 8, a fresh allocation that fails and a poll every hz/8), "2003" (r1.130's back-off),
 * "2021" (uvm_pglist.c r1.90's aggressive allocation), "migrate" (seed 002's brute force).
 */
import { digestOf, type IdRange } from "@pagefold/engine";
import type { Subsystem } from "../subsystem.js";
import { PmapCreateSchema, PmapDestroySchema, type PmapEvent } from "./events.js";
import { l1Invariants } from "./invariants.js";
import { l1Tick } from "./pinit.js";
import { reducePmapCreate, reducePmapDestroy } from "./reduce.js";
import { initL1 } from "./state.js";
import { l1View } from "./view.js";

const PMAP = "pmap";
const none: readonly IdRange[] = [];

export const l1Subsystem: Subsystem<"l1", PmapEvent> = {
  name: "l1",
  init: () => initL1(),
  ops: {
    "pmap.create": {
      schema: PmapCreateSchema,
      reduce: reducePmapCreate,
      produced: (event, outcome) => (outcome.ok ? [{ kind: PMAP, id: event.pmap, span: 1 }] : none),
    },
    "pmap.destroy": {
      schema: PmapDestroySchema,
      reduce: reducePmapDestroy,
      referenced: (event) => [{ kind: PMAP, id: event.pmap }],
      rewrite: (event, [pmap]) => ({ ...event, pmap: pmap ?? event.pmap }),
    },
  },
  digest: (l1) => digestOf(l1),
  invariants: l1Invariants,
  view: l1View,
  tick: (state, _ticks, services) => l1Tick(state, services),
};

export { L1_PAGES, MAX_PROCESSES, REUSE_QUEUE_MAX, type L1State, type L1Path } from "./state.js";
export { l1View, type L1View } from "./view.js";
export * from "./events.js";
