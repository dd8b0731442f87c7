/** as.c as_set_mapping (the `as.map` op) and a lookup of the page tables (`as.lookup`). */
import { err, ok, type Outcome } from "@pagefold/engine";
import { findArea } from "./areas.js";
import { areaOf, type Ctx } from "./context.js";
import { ENOENT } from "../codes.js";
import { lockSpace } from "./locks.js";
import { areaFlagsToPageFlags, pageMappingFind, pageMappingInsert, pteFrame } from "./mapping.js";
import { kassert, panic } from "./panic.js";
import { toPfn } from "./frames.js";
import type { AddressSpace } from "./state.js";
import { usedSpaceInsert } from "./used-insert.js";

/**
 * as_set_mapping(as, page, frame): maps a frame the caller owns (ELF loading, device memory) into
 * an area without a backend. Panics when no area holds the page ("Page not part of any as_area."),
 * when the area has a backend (ASSERT) and when the page is already used ("Could not insert used
 * space."); the mapping is already in the page table then, as in the seed.
 */
export function asSetMapping(ctx: Ctx, as: AddressSpace, page: number, frame: number): Outcome {
  lockSpace(as, "as_set_mapping");
  const id = findArea(ctx, as, page);
  if (id === 0) panic("Page not part of any as_area.");
  const area = areaOf(ctx, id);
  kassert(area.backend === "none", "!area->backend");
  pageMappingInsert(as, page, frame, areaFlagsToPageFlags(area.flags));
  if (!usedSpaceInsert(area.usedSpace, page, 1, ctx.fixed)) panic("Could not insert used space.");
  return ok();
}

/**
 * The frame a page is mapped to, as later HelenOS's as_get_physical_mapping answers it (EOK, or
 * ENOENT without a present mapping); uspace tester mapping1 checks every page with it. `pfn` is a
 * ram frame number (negative for a mapping below RAM, such as physical address 0).
 */
export function asLookup(as: AddressSpace, addr: number): Outcome {
  lockSpace(as, "as_get_physical_mapping");
  const pte = pageMappingFind(as, addr);
  if (pte === undefined) return err(ENOENT, `no mapping at ${addr}`);
  return ok({ pfn: toPfn(pteFrame(pte)) });
}
