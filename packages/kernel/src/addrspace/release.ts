/** Taking one used page out of an address space, as as_area_resize and as_area_destroy do. */
import type { Ctx } from "./context.js";
import { frameFree } from "./frames.js";
import { pageMappingFind, pageMappingRemove, pteFrame } from "./mapping.js";
import { kassert } from "./panic.js";
import type { AddressSpace, Area } from "./state.js";

/**
 * ASSERT(pte && PTE_VALID(pte) && PTE_PRESENT(pte)); the backend's frame_free (anon_frame_free:
 * frame_free) for areas with a backend; page_mapping_remove. Returns 1 when the frame went back
 * to ram, else 0.
 */
export function releasePage(ctx: Ctx, as: AddressSpace, area: Area, page: number): number {
  const pte = pageMappingFind(as, page);
  kassert(pte !== undefined, "pte && PTE_VALID(pte) && PTE_PRESENT(pte)");
  let released = 0;
  if (area.backend === "anon" && frameFree(ctx, pteFrame(pte))) released = 1;
  pageMappingRemove(as, page);
  return released;
}

/** tlb_shootdown_start/tlb_invalidate_pages: which ASID the TLBs drop the range for. */
export function shootdown(ctx: Ctx, asid: number, page: number, pages: number): void {
  if (pages > 0) ctx.effects.push({ kind: "tlb.shootdown", asid, page, pages });
}
