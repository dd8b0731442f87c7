/**
 * Giving kernel memory back: uvm_unmap over a map range, with what it does to each removed piece.
 * 1998 uvm_unmap_remove: every piece is pmap_remove'd, and a piece of a kernel object has its
 * pages freed at once by uvm_km_pgremove ("there is no backing store for kernel pages").
 * 2012 uvm_km_free: a wired piece goes through uvm_km_pgremove_intrsafe, which frees the pages it
 * finds mapped; an address-only piece just loses its range (uvm_unmap1 with UVM_FLAG_VAONLY).
 */
import type { Effect } from "@pagefold/engine";
import { frameOwner, freeFrames, OwnerKind } from "../ram/index.js";
import type { KernelState } from "../state.js";
import { removeRange, type Piece } from "./maps.js";
import { pgremove, pmapRemove } from "./pages.js";
import { addressOf, type VmMap } from "./state.js";
import { wakeVaSleepers } from "./wait.js";

/**
 * uvm_unmap(map, start, end) on page indexes; returns the pages freed. In 2012 any unmap wakes
 * the map's UVM_KMF_WAITVA sleepers (the map changed), which is the only wakeup they get.
 */
export function unmap(
  state: KernelState,
  name: string,
  map: VmMap,
  start: number,
  end: number,
  effects: Effect[],
): number {
  const pieces = removeRange(map, start, end);
  let freed = 0;
  for (const piece of pieces) freed += releasePiece(state, piece);
  state.kmem.counters.pagesFreed += freed;
  if (state.config.revisions.kmem === "2012") wakeVaSleepers(state, name, effects);
  return freed;
}

/** The `unmapped` effect of a free: the range given back and the pages it freed. */
export function unmappedEffect(map: string, start: number, end: number, pagesFreed: number): Effect {
  return { kind: "unmapped", map, from: addressOf(start), to: addressOf(end), pagesFreed };
}

function releasePiece(state: KernelState, piece: Piece): number {
  const end = piece.start + piece.pages;
  const unmapped = pmapRemove(state.kmem, piece.start, end);
  const offset = (page: number) => page - state.kmem.maps.kernel_map!.min;
  if (piece.entry.obj !== null) return pgremove(state, piece.entry.obj, offset(piece.start), offset(end));
  if (state.config.revisions.kmem !== "2012" || piece.entry.kind !== "wired") return 0;
  // uvm_km_pgremove_intrsafe: each mapped page has no object and is freed.
  let freed = 0;
  for (const pfn of unmapped) {
    if (frameOwner(state.ram, pfn)?.kind !== OwnerKind.Kmem) continue;
    freeFrames(state.ram, pfn, 1);
    freed++;
  }
  return freed;
}
