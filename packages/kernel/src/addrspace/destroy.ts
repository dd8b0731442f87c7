/** as.c as_area_destroy and sh_info_remove_reference. */
import { err, ok, type Outcome } from "@pagefold/engine";
import { NIL, btreeDestroy, node } from "./btree/node.js";
import { btreeRemove } from "./btree/remove.js";
import { btreeSearch } from "./btree/search.js";
import { add32, pagesToBytes } from "./addr.js";
import { AS_AREA_ATTR_PARTIAL } from "./constants.js";
import { areaOf, currentAs, type Ctx } from "./context.js";
import { ENOENT } from "../codes.js";
import { findArea } from "./areas.js";
import { frameFree } from "./frames.js";
import { dropIfUnreachable } from "./gc.js";
import { lockSpace } from "./locks.js";
import { panic, kassert } from "./panic.js";
import { releasePage, shootdown } from "./release.js";
import { sparseDelete, sparseGet } from "../sparse-table.js";
import { usedSpaceRemove } from "./used-remove.js";
import type { AddressSpace } from "./state.js";

/**
 * as_area_destroy(as, address): frees every used page from the head of the used_space leaf list,
 * marks the area PARTIAL, drops its share reference and removes it from the address space.
 * The 2006 seed does the TLB shootdown, the tree removal and the final unlock on AS (the current
 * address space) instead of `as`: with AS ≠ as it removes AS's area at that base (or panics when
 * AS has none), leaves the freed area in as's tree and as->lock held for ever. HelenOS f1d1f5d3d6
 * (2006-09-17, "as_area_destroy() should not work with AS but as") fixes all three.
 */
export function asAreaDestroy(ctx: Ctx, as: AddressSpace, address: number): Outcome {
  lockSpace(as, "as_area_destroy");
  const id = findArea(ctx, as, address);
  if (id === 0) return err(ENOENT, `no area of address space ${as.id} contains ${address}`);
  const area = areaOf(ctx, id);
  const base = area.base;
  const t = area.usedSpace;
  let released = 0;
  // Remove items from the head of the leaf list until none are left (never walk it while it changes).
  for (let first = node(t, t.first); first.keys !== 0; first = node(t, t.first)) {
    const b = first.key[0]!;
    const count = first.value[0]!;
    let i = 0;
    for (; i < count; i++) released += releasePage(ctx, as, area, add32(b, pagesToBytes(i)));
    if (!usedSpaceRemove(t, b, i, ctx.fixed)) panic("Could not remove used space.");
  }
  btreeDestroy(t);
  if (released > 0) ctx.effects.push({ kind: "frames.released", pages: released });
  const AS = ctx.fixed ? as : currentAs(ctx, as);
  shootdown(ctx, AS.asid, area.base, area.pages);
  area.attributes |= AS_AREA_ATTR_PARTIAL;
  if (area.share !== 0) shInfoRemoveReference(ctx, area.share);
  // btree_remove(&AS->as_area_btree, base, NULL): panics when AS holds no area at that base.
  const removed = btreeSearch(AS.areas, base, ctx.fixed).value;
  btreeRemove(AS.areas, base, NIL, ctx.fixed);
  area.freed = true;
  dropIfUnreachable(ctx, id);
  if (removed !== id) dropIfUnreachable(ctx, removed);
  if (AS !== as) as.hung = "as_area_destroy released the current address space's mutex instead of this one's";
  return ok();
}

/**
 * sh_info_remove_reference: ASSERT(refcount); at zero, frees every frame of the pagemap (from its
 * head) and the share. Revision 2006 keeps the freed record (refcount 0, empty pagemap) readable,
 * because a freed area may still point to it.
 */
export function shInfoRemoveReference(ctx: Ctx, shareId: number): void {
  const share = sparseGet(ctx.s.shares, shareId);
  kassert(share !== undefined && share.refcount > 0, "sh_info->refcount");
  if (--share.refcount !== 0) return;
  const t = share.pagemap;
  for (let first = node(t, t.first); first.keys !== 0; first = node(t, t.first)) {
    frameFree(ctx, first.value[0]!);
    btreeRemove(t, first.key[0]!, t.first, ctx.fixed);
  }
  btreeDestroy(t);
  if (ctx.fixed) sparseDelete(ctx.s.shares, shareId);
}
