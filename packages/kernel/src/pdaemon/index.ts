/**
 * `pdaemon`: NetBSD UVM's page daemon as seeds 002 and 004 meet it. It wakes on free-page counts
 * (uvmexp.ts), reclaims through every subsystem that exposes a reclaimer, and wakes the callers
 * asleep in uvm_wait. Its tuning follows the UVM era of config.revisions.kmem.
 */
import { digestOf } from "@pagefold/engine";
import { Type, type Static } from "@sinclair/typebox";
import type { Subsystem } from "../subsystem.js";
import { pdaemonTick, reducePdaemonRun } from "./daemon.js";
import { initPdaemon, RESERVE_KERNEL, RESERVE_PAGEDAEMON, tune } from "./uvmexp.js";

export const PdaemonRunSchema = Type.Object(
  { op: Type.Literal("pdaemon.run") },
  { additionalProperties: false },
);
export type PdaemonRunEvent = Static<typeof PdaemonRunSchema>;

export const pdaemonSubsystem: Subsystem<"pdaemon", PdaemonRunEvent> = {
  name: "pdaemon",
  init: () => initPdaemon(),
  ops: { "pdaemon.run": { schema: PdaemonRunSchema, reduce: reducePdaemonRun } },
  digest: (pdaemon) => digestOf(pdaemon),
  invariants: [],
  view: (state) => ({
    ...tune(state.ram.totalPages, state.config.revisions.kmem),
    reserveKernel: RESERVE_KERNEL,
    reservePagedaemon: RESERVE_PAGEDAEMON,
    ...state.pdaemon,
  }),
  tick: (state, _ticks, services) => pdaemonTick(state, services),
};

export { tune, type PdaemonState } from "./uvmexp.js";
