/**
 * frame.c's frame_alloc / frame_free / frame_reference_add for the frames address spaces use,
 * taken from `ram` (owner Anon) with HelenOS's per-frame reference count kept here. Frame numbers
 * outside this file are physical (RAM starts at PHYS_BASE_FRAME); ram works with pfns from 0.
 */
import { allocFrames, frameOwner, freeFrames } from "../ram/allocator.js";
import { OwnerKind } from "../ram/state.js";
import { PHYS_BASE_FRAME } from "./constants.js";
import type { Ctx } from "./context.js";
import { kassert, panic } from "./panic.js";
import { sparseDelete, sparseGet, sparseSet } from "../sparse-table.js";

export const toPfn = (frame: number): number => frame - PHYS_BASE_FRAME;
export const toFrame = (pfn: number): number => pfn + PHYS_BASE_FRAME;

/**
 * frame_alloc(ONE_FRAME, 0): a zeroed frame with one reference. Without FRAME_ATOMIC the 2006
 * allocator cannot wait for memory (frame.c: "TODO: Sleep until frames are available again") and
 * panics with "Sleep not implemented.".
 */
export function frameAlloc(ctx: Ctx): number {
  const pfn = allocFrames(ctx.state.ram, 1, 0, OwnerKind.Anon, 0, false);
  if (pfn < 0) panic("Sleep not implemented.");
  sparseSet(ctx.s.frameRefs, pfn, 1);
  return toFrame(pfn);
}

/**
 * frame_free: ASSERT(zone) for a frame outside RAM, ASSERT(frame->refcount), and the frame goes
 * back to ram when its last reference is dropped. A frame ram has since handed to another
 * subsystem would be released from under it by the real kernel; the model halts there instead.
 * Returns true when the frame went back to ram.
 */
export function frameFree(ctx: Ctx, frame: number): boolean {
  const pfn = toPfn(frame);
  kassert(pfn >= 0 && pfn < ctx.state.ram.totalPages, "zone");
  const owner = frameOwner(ctx.state.ram, pfn);
  if (owner !== null && owner.kind !== OwnerKind.Anon) {
    panic(`frame_free: frame ${pfn} now belongs to ${owner.owner} (freed earlier, reallocated since)`);
  }
  const refs = owner === null ? 0 : (sparseGet(ctx.s.frameRefs, pfn) ?? 0);
  kassert(refs > 0, "frame->refcount");
  if (refs > 1) {
    sparseSet(ctx.s.frameRefs, pfn, refs - 1);
    return false;
  }
  sparseDelete(ctx.s.frameRefs, pfn);
  freeFrames(ctx.state.ram, pfn, 1);
  return true;
}

/** frame_reference_add (used by revision "fixed" for shared frames, HelenOS f9b2f30587). */
export function frameReferenceAdd(ctx: Ctx, frame: number): void {
  const pfn = toPfn(frame);
  kassert(pfn >= 0 && pfn < ctx.state.ram.totalPages, "zone");
  const refs = sparseGet(ctx.s.frameRefs, pfn);
  if (refs === undefined) throw new Error(`frame_reference_add: frame ${pfn} is not an address-space frame`);
  sparseSet(ctx.s.frameRefs, pfn, refs + 1);
}
