/**
 * The parts of uvm_map.c that uvm_km.c relies on, over one map's entries: first-fit address
 * allocation from a hint (uvm_map_findspace), fixed placement (UVM_FLAG_FIXED), and removal of a
 * range with clipping of the entries it cuts (uvm_unmap_remove, UVM_MAP_CLIP_START/END).
 * Entries are never merged: merging changes no address uvm_map hands out and no page it frees.
 */
import { sparseDelete, sparseEach, sparseFloor, sparseSet } from "../sparse-table.js";
import type { MapEntry, VmMap } from "./state.js";

/** A removed part of an entry: [start, start + pages) with the entry's fields. */
export interface Piece {
  readonly start: number;
  readonly pages: number;
  readonly entry: MapEntry;
}

/**
 * uvm_map_findspace: the lowest start ≥ max(hint, map.min) where `pages` pages fit between the
 * entries and below map.max, or -1.
 */
export function findSpace(map: VmMap, pages: number, hint = map.min): number {
  let candidate = Math.max(hint, map.min);
  sparseEach(map.entries, (start, entry) => {
    const end = start + entry.pages;
    if (end <= candidate) return false;
    if (start >= candidate + pages) return true;
    candidate = end;
    return false;
  });
  return candidate + pages <= map.max ? candidate : -1;
}

/** Whether [start, start + pages) lies inside the map and touches no entry (UVM_FLAG_FIXED). */
export function isFree(map: VmMap, start: number, pages: number): boolean {
  if (start < map.min || start + pages > map.max) return false;
  const below = sparseFloor(map.entries, start);
  if (below !== undefined && below[0] + below[1].pages > start) return false;
  return !sparseEach(map.entries, () => true, start, start + pages);
}

/** uvm_map: enters a new entry (the caller found the space). */
export function enterEntry(map: VmMap, start: number, entry: MapEntry): void {
  sparseSet(map.entries, start, entry);
  map.used += entry.pages;
}

/** The entry containing `page`, as [start, entry], if any. */
export function entryAt(map: VmMap, page: number): [number, MapEntry] | undefined {
  const below = sparseFloor(map.entries, page);
  return below !== undefined && below[0] + below[1].pages > page ? below : undefined;
}

/**
 * uvm_unmap_remove over [start, end): clips the entries cut by either end, removes every entry
 * inside and returns the removed pieces, lowest first. What the pieces' pages and mappings
 * become is the caller's business (uvm_km_pgremove, pmap_remove).
 */
export function removeRange(map: VmMap, start: number, end: number): Piece[] {
  const first = entryAt(map, start);
  if (first !== undefined && first[0] < start) clip(map, first[0], first[1], start);
  const inside: [number, MapEntry][] = [];
  sparseEach(map.entries, (key, entry) => void inside.push([key, entry]), start, end);
  const pieces: Piece[] = [];
  for (const [key, entry] of inside) {
    if (key + entry.pages > end) clip(map, key, entry, end);
    const removed = { ...entry };
    sparseDelete(map.entries, key);
    map.used -= removed.pages;
    pieces.push({ start: key, pages: removed.pages, entry: removed });
  }
  return pieces;
}

/** UVM_MAP_CLIP: splits the entry at `key` into [key, at) and [at, end). */
function clip(map: VmMap, key: number, entry: MapEntry, at: number): void {
  const tail: MapEntry = { ...entry, pages: key + entry.pages - at };
  entry.pages = at - key;
  sparseSet(map.entries, at, tail);
}

/** Pages of the map not covered by entries (uvm_km_va_starved_p's free, for kmem_map). */
export function freePages(map: VmMap): number {
  return map.max - map.min - map.used;
}
