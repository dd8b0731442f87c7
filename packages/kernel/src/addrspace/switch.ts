/** as.c as_switch with genarch/src/mm/asid.c asid_get/asid_put over asid_fifo.c's free ASIDs. */
import { ASID_INVALID, ASIDS_ALLOCABLE } from "./constants.js";
import { spaceOf, type Ctx } from "./context.js";
import { kassert } from "./panic.js";
import { lockSpace } from "./locks.js";
import type { AddressSpace } from "./state.js";

/**
 * as_switch(old, new) on `cpu`: the old address space, when no CPU runs it any more, joins the
 * inactive list with its ASID; the new one leaves that list, or gets an ASID (stealing one when
 * all are allocated). Returns the new address space's ASID.
 */
export function asSwitch(ctx: Ctx, next: AddressSpace, cpu: number): number {
  const s = ctx.s;
  const oldId = s.cpus[cpu]!;
  if (oldId >= 0) {
    const old = spaceOf(ctx, oldId)!;
    lockSpace(old, "as_switch");
    kassert(old.cpuRefcount > 0, "old->cpu_refcount");
    if (--old.cpuRefcount === 0) {
      old.lastRun = ++s.switches;
      if (oldId !== s.kernelAs) {
        kassert(old.asid !== ASID_INVALID, "old->asid != ASID_INVALID");
        s.inactive.push({ as: oldId, asid: old.asid });
      }
    }
  }
  lockSpace(next, "as_switch");
  let needsAsid = false;
  if (next.cpuRefcount++ === 0 && next.id !== s.kernelAs) {
    if (next.asid !== ASID_INVALID) leaveInactive(ctx, next.id);
    else needsAsid = true; // deferred until new->lock is released
  }
  if (needsAsid) next.asid = asidGet(ctx, next.id);
  s.cpus[cpu] = next.id;
  return next.asid;
}

/** list_remove(&as->inactive_as_with_asid_link). */
export function leaveInactive(ctx: Ctx, id: number): void {
  const i = ctx.s.inactive.findIndex((e) => e.as === id);
  if (i < 0) throw new Error(`address space ${id} has an ASID but is not on the inactive list`);
  ctx.s.inactive.splice(i, 1);
}

/**
 * asid.c asid_get: a free ASID from the FIFO, or, when all ASIDS_ALLOCABLE are allocated, the ASID
 * of the first inactive address space (which becomes ASID_INVALID) after a TLB shootdown of it.
 */
function asidGet(ctx: Ctx, forAs: number): number {
  const s = ctx.s;
  if (s.asidsAllocated === ASIDS_ALLOCABLE) {
    kassert(s.inactive.length > 0, "!list_empty(&inactive_as_with_asid_head)");
    const victim = s.inactive.shift()!;
    // An entry as_free left behind (revision 2006) still yields the ASID it was freed with.
    const from = victim.as >= 0 ? spaceOf(ctx, victim.as) : undefined;
    if (from !== undefined) lockSpace(from, "asid_get");
    const asid = from === undefined ? victim.asid : from.asid;
    kassert(asid !== ASID_INVALID, "asid != ASID_INVALID");
    if (from !== undefined) from.asid = ASID_INVALID;
    ctx.effects.push({ kind: "asid.steal", as: forAs, from: victim.as, asid });
    return asid;
  }
  const asid = s.freeAsids.shift()!;
  s.asidsAllocated++;
  ctx.effects.push({ kind: "asid.assign", as: forAs, asid });
  return asid;
}

/** asid.c asid_put with asid_fifo.c asid_put_arch. */
export function asidPut(ctx: Ctx, asid: number): void {
  ctx.s.asidsAllocated--;
  ctx.s.freeAsids.push(asid);
}
