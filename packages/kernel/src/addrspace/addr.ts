/** 32-bit address arithmetic as the seed's C does it on arm32 (`__address`, `size_t`, `count_t`). */
import { PAGE_SIZE, PAGE_WIDTH } from "./constants.js";

/** a + b modulo 2^32. */
export function add32(a: number, b: number): number {
  return (a + b) >>> 0;
}

/** a - b modulo 2^32. */
export function sub32(a: number, b: number): number {
  return (a - b) >>> 0;
}

/** count * PAGE_SIZE modulo 2^32 (a page count as a byte size). */
export function pagesToBytes(count: number): number {
  return Math.imul(count, PAGE_SIZE) >>> 0;
}

/** macros.h overlaps(): the end points wrap like the C sums do. */
export function overlaps(s1: number, sz1: number, s2: number, sz2: number): boolean {
  return s1 < add32(s2, sz2) && s2 < add32(s1, sz1);
}

/** frame.h SIZE2FRAMES(): 0 for 0, else ((size - 1) >> FRAME_WIDTH) + 1. */
export function size2frames(size: number): number {
  return size === 0 ? 0 : ((size - 1) >>> PAGE_WIDTH) + 1;
}

export function alignDown(addr: number): number {
  return (addr - (addr % PAGE_SIZE)) >>> 0;
}

/** A readable address for messages and views: 0x00400000. */
export function hex(addr: number): string {
  return `0x${addr.toString(16).padStart(8, "0")}`;
}
