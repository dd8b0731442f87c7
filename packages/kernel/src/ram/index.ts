/**
 * `ram`: physical memory, the subsystem every other one takes its frames from. The op handlers are
 * thin; the allocator (allocator.ts) is the internal API other subsystems call.
 */
import type { IdRange } from "@pagefold/engine";
import { ramDigest } from "./digest.js";
import type { Subsystem } from "../subsystem.js";
import { initRam } from "./allocator.js";
import { RamAllocSchema, RamFreeSchema, RamMigrateSchema, type RamEvent } from "./events.js";
import { ramInvariants } from "./invariants.js";
import { reduceAlloc, reduceFree, reduceMigrate } from "./reduce.js";
import { ramView } from "./view.js";

const FRAME = "frame";
const none: readonly IdRange[] = [];

export const ramSubsystem: Subsystem<"ram", RamEvent> = {
  name: "ram",
  init: (config) => initRam(config.ramPages),
  ops: {
    "ram.alloc": {
      schema: RamAllocSchema,
      reduce: reduceAlloc,
      produced: (event, outcome) =>
        outcome.ok ? [{ kind: FRAME, id: (outcome.value as { pfn: number }).pfn, span: event.pages }] : none,
    },
    "ram.free": {
      schema: RamFreeSchema,
      reduce: reduceFree,
      referenced: (event) => [{ kind: FRAME, id: event.pfn }],
      rewrite: (event, [pfn]) => ({ ...event, pfn: pfn ?? event.pfn }),
    },
    "ram.migrate": {
      schema: RamMigrateSchema,
      reduce: reduceMigrate,
      produced: (_event, outcome) =>
        outcome.ok ? [{ kind: FRAME, id: (outcome.value as { to: number }).to, span: 1 }] : none,
      referenced: (event) => [{ kind: FRAME, id: event.pfn }],
      rewrite: (event, [pfn]) => ({ ...event, pfn: pfn ?? event.pfn }),
    },
  },
  digest: ramDigest,
  invariants: ramInvariants,
  view: (state) => ramView(state.ram),
};

export {
  allocFrames,
  firstFreeFrame,
  frameEntry,
  frameOwner,
  freeFrames,
  initRam,
  migrateFrame,
  ramCounters,
  type FrameOwner,
  type FrameRange,
  type RamCounters,
} from "./allocator.js";
export {
  entryKind,
  entryMovable,
  entryTag,
  forEachOwnedFrame,
  OwnerKind,
  ownerNames,
  packEntry,
} from "./state.js";
export type { OwnerName, RamState } from "./state.js";
export { freeBlocksPerOrder, forEachFreeRun, ramView, type RamBlockView, type RamView } from "./view.js";
export { MAX_ALIGN } from "./reduce.js";
export * from "./events.js";
