/** The pager's frames come from and go back to `ram` (Mmu::AllocRam / FreeRam with EPageDiscard). */
import type { KernelState } from "../state.js";
import { allocFrames, freeFrames } from "../ram/allocator.js";
import { OwnerKind } from "../ram/state.js";
import { sparseDelete, sparseSet } from "../pagetables/sparse.js";
import { NIL } from "../pagetables/state.js";
import { FrameUse, PagedState } from "./state.js";

/**
 * Mmu::AllocRam(EAllocNoPagerReclaim, EPageDiscard) for one frame, which becomes an EUnpaged,
 * EUnused pager frame; NIL when RAM has no free frame. Pager frames are not movable: the RAM
 * allocator discards them (DPager::DiscardPage) rather than migrating them.
 */
export function allocPagerFrame(state: KernelState): number {
  const pfn = allocFrames(state.ram, 1, 0, OwnerKind.Pager, 0, false);
  if (pfn < 0) return NIL;
  sparseSet(state.pager.frames, pfn, {
    state: PagedState.Unpaged,
    use: FrameUse.Unused,
    owner: NIL,
    prev: NIL,
    next: NIL,
    dirty: false,
    pinCount: 0,
    ref: 0,
  });
  return pfn;
}

/** Mmu::FreeRam(EPageDiscard) of a pager frame: it leaves the pager. */
export function releasePagerFrame(state: KernelState, pfn: number): void {
  sparseDelete(state.pager.frames, pfn);
  freeFrames(state.ram, pfn, 1);
}
