/** as.c as_area_resize. */
import { err, ok, type Outcome } from "@pagefold/engine";
import { add32, overlaps, pagesToBytes, size2frames, sub32 } from "./addr.js";
import { checkAreaConflicts, findArea, overflowsIntoPositive } from "./areas.js";
import { node } from "./btree/node.js";
import { AS_AREA_DEVICE, PAGE_WIDTH } from "./constants.js";
import { areaOf, currentAs, type Ctx } from "./context.js";
import { EADDRNOTAVAIL, EINVAL, ENOENT, ENOTSUP, EPERM } from "../codes.js";
import { hangSpace, lockSpace } from "./locks.js";
import { panic } from "./panic.js";
import { releasePage, shootdown } from "./release.js";
import type { AddressSpace, Area } from "./state.js";
import { usedSpaceRemove } from "./used-remove.js";

/**
 * as_area_resize(as, address, size): the area holding `address` gets SIZE2FRAMES((address - base)
 * + size) pages. ENOENT without an area, ENOTSUP for device and shared areas, EPERM for zero
 * pages; shrinking frees used space from the top, growing checks conflicts (EADDRNOTAVAIL) from
 * `address`, not from the base, as the seed (and later HelenOS) do.
 */
export function asAreaResize(ctx: Ctx, as: AddressSpace, address: number, size: number): Outcome {
  lockSpace(as, "as_area_resize");
  const id = findArea(ctx, as, address);
  if (id === 0) return err(ENOENT, `no area of address space ${as.id} contains ${address}`);
  const area = areaOf(ctx, id);
  if (area.flags & AS_AREA_DEVICE) return err(ENOTSUP, "remapping device areas is not supported");
  if (area.share !== 0) return err(ENOTSUP, "remapping shared areas is not supported");
  const pages = size2frames(add32(sub32(address, area.base), size));
  if (pages === 0) return err(EPERM, "zero size address space areas are not allowed");
  if (pages < area.pages) {
    shrink(ctx, as, area, pages);
  } else {
    // HelenOS 0941e9aef8 (2012): a grown area must not wrap past 2^32.
    if (ctx.fixed && overflowsIntoPositive(address, pagesToBytes(pages))) {
      return err(EINVAL, `${pages} pages from ${address} wrap past 2^32`);
    }
    const conflicts = checkAreaConflicts(ctx, as, address, pagesToBytes(pages), id);
    if (conflicts === "self-lock")
      hangSpace(as, "as_area_resize locked its own area twice in check_area_conflicts");
    if (conflicts === "conflict") return err(EADDRNOTAVAIL, `growing to ${pages} pages conflicts`);
  }
  area.pages = pages;
  return ok();
}

/**
 * Removes used space from the highest addresses down until an interval fits below the new end:
 * whole intervals above it, then the part of the straddling one, freeing each page's frame. The
 * seed invalidates the TLBs for AS's ASID (the current address space); HelenOS 8440473178
 * (2006-10-26) and eeb2bde2cd (2008-09-14) use the resized address space's.
 */
function shrink(ctx: Ctx, as: AddressSpace, area: Area, pages: number): void {
  const startFree = add32(area.base, pagesToBytes(pages));
  const t = area.usedSpace;
  let released = 0;
  for (let last = node(t, t.last); last.keys !== 0; last = node(t, t.last)) {
    const b = last.key[last.keys - 1]!;
    const c = last.value[last.keys - 1]!;
    let i = 0;
    if (overlaps(b, pagesToBytes(c), area.base, pagesToBytes(pages))) {
      if (add32(b, pagesToBytes(c)) <= startFree) break; // fits completely in the resized area
      i = sub32(startFree, b) >>> PAGE_WIDTH;
      if (!usedSpaceRemove(t, startFree, c - i, ctx.fixed)) panic("Could not remove used space.");
      for (; i < c; i++) released += releasePage(ctx, as, area, add32(b, pagesToBytes(i)));
      break; // we are almost done
    }
    if (!usedSpaceRemove(t, b, c, ctx.fixed)) panic("Could not remove used space.");
    for (; i < c; i++) released += releasePage(ctx, as, area, add32(b, pagesToBytes(i)));
  }
  if (released > 0) ctx.effects.push({ kind: "frames.released", pages: released });
  const asid = ctx.fixed ? as.asid : currentAs(ctx, as).asid;
  shootdown(ctx, asid, startFree, area.pages - pages);
}
