import { err, ok, type Effect, type Outcome } from "@pagefold/engine";
import { EEXIST, ENOENT } from "../codes.js";
import { sparseDelete, sparseEach, sparseGet } from "../sparse-table.js";
import type { KernelState } from "../state.js";
import type { KernelServices } from "../subsystem.js";
import type { PmapCreateEvent, PmapDestroyEvent } from "./events.js";
import { complete, resumeLockWaiters, sleep } from "./pinit.js";
import { allocPagedir, freePagedir, postinit } from "./table.js";

/**
 * `pmap.create`: pmap_create → pmap_pinit. It returns the L1 at once ({ l1, from }) or
 * { blocked: sleeper } when pmap_pinit has to sleep; it cannot fail ("It's too late to fail with
 * EAGAIN at that point", seed 002). The first create runs pmap_postinit.
 */
export function reducePmapCreate(
  state: KernelState,
  event: PmapCreateEvent,
  services: KernelServices,
): Outcome {
  const pmap = event.pmap;
  if (sparseGet(state.l1.pmaps, pmap) !== undefined || creating(state, pmap) !== undefined) {
    return err(EEXIST, `pmap ${pmap} exists`);
  }
  const effects: Effect[] = [];
  if (!state.l1.postinit) {
    const panic = postinit(state, services, effects);
    if (panic !== undefined) return panic;
  }
  const got = allocPagedir(state, services, pmap, effects);
  if (got === null || !("table" in got)) return ok({ blocked: sleep(state, pmap, got) }, effects);
  const pfn = complete(state, pmap, got);
  resumeLockWaiters(state, services, effects);
  return ok({ l1: pfn, from: got.path }, effects);
}

/** `pmap.destroy`: pmap_destroy → pmap_freepagedir (no wakeup: pmap_pinit polls). */
export function reducePmapDestroy(state: KernelState, event: PmapDestroyEvent): Outcome {
  const table = sparseGet(state.l1.pmaps, event.pmap);
  if (table === undefined) {
    const sleeper = creating(state, event.pmap);
    const why = sleeper === undefined ? "no such pmap" : `its pmap_create is asleep (sleeper ${sleeper})`;
    return err(ENOENT, `pmap ${event.pmap}: ${why}`);
  }
  const effects: Effect[] = [];
  freePagedir(state, table, effects);
  sparseDelete(state.l1.pmaps, event.pmap);
  return ok(undefined, effects);
}

/** The sleeper of a pmap_create for `pmap` that has not returned, if any. */
function creating(state: KernelState, pmap: number): number | undefined {
  let found: number | undefined;
  sparseEach(state.l1.sleepers, (id, s) => {
    if (s.pmap !== pmap) return false;
    found = id;
    return true;
  });
  return found;
}
