/** Destroying an address space: the seed's as_free, and as_destroy from later in 2006. */
import { ok, type Outcome } from "@pagefold/engine";
import { leafEntries } from "./btree/search.js";
import { node } from "./btree/node.js";
import { ASID_INVALID } from "./constants.js";
import type { Ctx } from "./context.js";
import { asAreaDestroy } from "./destroy.js";
import { kassert } from "./panic.js";
import { sparseDelete, sparseEach } from "../sparse-table.js";
import type { AddressSpace } from "./state.js";
import { asidPut, leaveInactive } from "./switch.js";

/**
 * as_free (the seed): ASSERT(as->cpu_refcount == 0) and free(as), nothing else ("TODO: free
 * as_areas and other resources held by as"): its areas, page table, frames and share references
 * leak, its ASID stays allocated, and an inactive address space stays on the inactive list as a
 * dangling entry until asid_get steals from it. Revision "fixed" runs as_destroy (HelenOS
 * 482826d754, 2006-05-31, and 31e8ddd364, 2006-06-05): the ASID goes back, every area is destroyed.
 */
export function asDestroy(ctx: Ctx, as: AddressSpace): Outcome {
  return ctx.fixed ? destroyFixed(ctx, as) : asFree(ctx, as);
}

function asFree(ctx: Ctx, as: AddressSpace): Outcome {
  kassert(as.cpuRefcount === 0, "as->cpu_refcount == 0");
  let areas = 0;
  let pages = 0;
  const unreachable: number[] = [];
  sparseEach(ctx.s.areas, (id, area) => {
    if (area.as !== as.id) return;
    unreachable.push(id);
    if (area.freed) return;
    areas++;
    for (const [, count] of leafEntries(area.usedSpace)) pages += count;
  });
  for (const id of unreachable) sparseDelete(ctx.s.areas, id);
  for (const entry of ctx.s.inactive) if (entry.as === as.id) entry.as = -1;
  if (ctx.s.kernelAs === as.id) ctx.s.kernelAs = -1;
  sparseDelete(ctx.s.spaces, as.id);
  ctx.effects.push({ kind: "as.leak", as: as.id, areas, pages });
  return ok();
}

/** as_destroy (as of f1d1f5d3d6): a running thread holds a reference, so cpu_refcount is 0 too. */
function destroyFixed(ctx: Ctx, as: AddressSpace): Outcome {
  kassert(as.cpuRefcount === 0, "as->refcount == 0");
  if (as.asid !== ASID_INVALID && as.id !== ctx.s.kernelAs) {
    leaveInactive(ctx, as.id);
    asidPut(ctx, as.asid);
  }
  // Destroy the areas from the head of the leaf list: the tree changes under each destroy.
  for (let first = node(as.areas, as.areas.first); first.keys !== 0; first = node(as.areas, as.areas.first)) {
    asAreaDestroy(ctx, as, first.key[0]!);
  }
  if (ctx.s.kernelAs === as.id) ctx.s.kernelAs = -1;
  sparseDelete(ctx.s.spaces, as.id);
  return ok();
}
