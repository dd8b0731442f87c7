import { err, ok, type Outcome } from "@pagefold/engine";
import { KErrArgument, KErrNoMemory, KErrNotSupported } from "../codes.js";
import type { KernelState } from "../state.js";
import { allocFrames, migrateFrame, releaseFrames } from "./allocator.js";
import type { RamAllocEvent, RamFreeEvent, RamMigrateEvent } from "./events.js";
import {
  entryKind,
  entryMovable,
  firstFrameNotOwnedBy,
  frameEntryOf,
  OwnerKind,
  ownerNames,
} from "./state.js";
import { nodeField } from "./summary.js";

/** The largest alignment a request may name: 2^31 pages, as Epoc::AllocPhysicalRam's TInt align. */
export const MAX_ALIGN = 31;

/**
 * `ram.alloc`: Epoc::AllocPhysicalRam. The block goes at the lowest address that fits; its frames
 * are tagged with the allocation's serial so adjacent blocks stay distinct in views.
 */
export function reduceAlloc(state: KernelState, event: RamAllocEvent): Outcome {
  const ram = state.ram;
  const pages = event.pages;
  const align = event.align ?? 0;
  if (pages === 0) return err(KErrArgument, "cannot allocate 0 pages");
  if (align > MAX_ALIGN) return err(KErrArgument, `alignment 2^${align} pages is beyond 2^${MAX_ALIGN}`);
  const pfn = allocFrames(ram, pages, align, OwnerKind.Ram, ram.allocations + 1, event.movable === true);
  if (pfn < 0) {
    return err(
      KErrNoMemory,
      `no free run of ${pages} pages aligned to 2^${align} ` +
        `(${ram.freePages} pages free, longest run ${nodeField(ram, 1, 2)})`,
    );
  }
  ram.allocations++;
  return ok({ pfn });
}

/**
 * `ram.free`: Epoc::FreePhysicalRam. Any sub-range of ram allocations may be freed; if one frame of
 * the range is free or belongs to another owner nothing changes.
 */
export function reduceFree(state: KernelState, event: RamFreeEvent): Outcome {
  const ram = state.ram;
  const { pfn, pages } = event;
  if (pages === 0) return err(KErrArgument, "cannot free 0 pages");
  if (pfn + pages > ram.totalPages) {
    return err(
      KErrArgument,
      `frames ${pfn}..${pfn + pages - 1} go beyond the ${ram.totalPages} frames of RAM`,
    );
  }
  const stray = firstFrameNotOwnedBy(ram, pfn, pages, OwnerKind.Ram);
  if (stray >= 0) {
    const kind = entryKind(frameEntryOf(ram, stray));
    return err(
      KErrArgument,
      kind === OwnerKind.Free ? `frame ${stray} is free` : `frame ${stray} belongs to ${ownerNames[kind]}`,
    );
  }
  releaseFrames(ram, pfn, pages, OwnerKind.Ram);
  return ok();
}

/**
 * `ram.migrate`: M::MovePage for a movable ram frame, to the lowest free frame. Frames of other
 * owners move through their own subsystem's ops, which know how to remap them.
 */
export function reduceMigrate(state: KernelState, event: RamMigrateEvent): Outcome {
  const ram = state.ram;
  const pfn = event.pfn;
  if (pfn >= ram.totalPages)
    return err(KErrArgument, `frame ${pfn} is beyond the ${ram.totalPages} frames of RAM`);
  const entry = frameEntryOf(ram, pfn);
  const kind = entryKind(entry);
  if (kind === OwnerKind.Free) return err(KErrArgument, `frame ${pfn} is free`);
  if (kind !== OwnerKind.Ram) return err(KErrNotSupported, `frame ${pfn} belongs to ${ownerNames[kind]}`);
  if (!entryMovable(entry)) return err(KErrNotSupported, `frame ${pfn} is not movable`);
  const to = migrateFrame(ram, pfn);
  if (to < 0) return err(KErrNoMemory, `no free frame to move frame ${pfn} to`);
  return ok({ from: pfn, to });
}
