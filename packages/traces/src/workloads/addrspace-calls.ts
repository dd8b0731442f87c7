/** The area calls the address-space churn makes, from its random draws (see addrspace.ts). */
import type { KernelEvent } from "@pagefold/kernel";
import { SLOT_BYTES, SLOTS, type AreaBook } from "./addrspace-book.js";

const PAGE = 4096;

/** A new area at one of the slots: 4..63 pages, mostly read-write. */
export function createCall(as: number, pick: number, size: number): KernelEvent {
  const base = SLOT_BYTES * (1 + (pick % SLOTS));
  const flags: Array<"read" | "write" | "exec"> =
    size < 0.8 ? ["read", "write"] : size < 0.95 ? ["read"] : ["read", "exec"];
  return { op: "area.create", as, base, size: (4 + Math.floor(size * 60)) * PAGE, flags };
}

/** Shrinks (1 in 20 to size 0: EPERM) from the base. */
export function shrinkCall(area: AreaBook, size: number): KernelEvent {
  const pages = size < 0.05 ? 0 : Math.max(1, Math.floor(size * area.pages));
  return { op: "area.resize", as: area.as, addr: area.base, size: pages * PAGE };
}

/** Grows by 1..24 pages, sometimes into the next slot's area (EADDRNOTAVAIL) or through an inner address. */
export function growCall(area: AreaBook, size: number, page: number): KernelEvent {
  const inner = page < 0.1 ? Math.floor(page * 10 * area.pages) : 0;
  const pages = area.pages + 1 + Math.floor(size * 24);
  return { op: "area.resize", as: area.as, addr: area.base + inner * PAGE, size: (pages - inner) * PAGE };
}

/** Shares into address space `dst` at a random slot (1 in 20 with the wrong size: EPERM). */
export function shareCall(area: AreaBook, dst: number, pick: number, page: number): KernelEvent {
  const size = (area.pages + (page < 0.05 ? 1 : 0)) * PAGE;
  const dstBase = SLOT_BYTES * (1 + ((pick >>> 16) % SLOTS));
  return { op: "area.share", srcAs: area.as, srcBase: area.base, size, dstAs: dst, dstBase };
}

/**
 * Mostly the next page not touched yet (so memory fills), else anywhere, a few past the end;
 * mostly writes, some reads, a few execs.
 */
export function faultCall(area: AreaBook, size: number, page: number): KernelEvent {
  const next = area.touched < area.pages && page < 0.7 ? area.touched++ : -1;
  const index = next >= 0 ? next : Math.floor(page * (area.pages + (size < 0.03 ? 2 : 0)));
  const access = size < 0.7 ? "write" : size < 0.95 ? "read" : "exec";
  return { op: "as.fault", as: area.as, addr: area.base + index * PAGE + (index & 0xfff), access };
}
