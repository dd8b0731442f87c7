/** as.c's area lookups: find_area_and_lock and check_area_conflicts over as_area_btree. */
import { add32, overlaps, pagesToBytes } from "./addr.js";
import { NIL, node } from "./btree/node.js";
import { btreeSearch, leftNeighbour, rightNeighbour } from "./btree/search.js";
import {
  KERNEL_ADDRESS_SPACE_END,
  KERNEL_ADDRESS_SPACE_SHADOWED,
  KERNEL_ADDRESS_SPACE_START,
  PAGE_SIZE,
  USER_ADDRESS_SPACE_END,
  USER_ADDRESS_SPACE_START,
} from "./constants.js";
import { areaOf, type Ctx } from "./context.js";
import type { AddressSpace, Area } from "./state.js";

/** One past the last byte of an area (wraps at 2^32 as `base + pages * PAGE_SIZE` does). */
export const areaEnd = (a: Area): number => add32(a.base, pagesToBytes(a.pages));

/**
 * as.c find_area_and_lock: an exact base hit, else an area of the visited leaf containing va,
 * else the last area of the left neighbour leaf. Returns the area id, 0 for none. In revision
 * 2006 the search may return a freed area whose base an emptied tree still remembers.
 */
export function findArea(ctx: Ctx, as: AddressSpace, va: number): number {
  const found = btreeSearch(as.areas, va, ctx.fixed);
  if (found.value !== 0) return found.value;
  const leaf = node(as.areas, found.leaf);
  for (let i = 0; i < leaf.keys; i++) {
    const a = areaOf(ctx, leaf.value[i]!);
    if (a.base <= va && va < areaEnd(a)) return leaf.value[i]!;
  }
  const left = leftNeighbour(as.areas, found.leaf);
  if (left !== NIL) {
    const n = node(as.areas, left);
    const id = n.value[n.keys - 1]!;
    if (va < areaEnd(areaOf(ctx, id))) return id;
  }
  return 0;
}

/** What check_area_conflicts found; "self-lock": it blocked on the caller's own area mutex. */
export type Conflicts = "none" | "conflict" | "self-lock";

/**
 * as.c check_area_conflicts: whether [va, va + size) may hold an area of `as` (ignoring `avoid`).
 * The seed locks the left neighbour leaf's last area without comparing it with `avoid`: when
 * as_area_resize names an address past the base of an area that ends a leaf, the thread sleeps
 * on the area mutex it already holds, for ever.
 * Revision "fixed" adds what HelenOS later corrected: skipping `avoid` in the neighbour leaves too
 * (0b378820b4, 2011: "add forgotten tests (area != avoid)"), rejecting ranges that wrap past 2^32
 * (947958124a, 2012; the seed lets [0xfffff000, +8 KiB) past both the NULL-page and the kernel
 * check) and requiring the range to lie in user space (57355a400e, 2012).
 */
export function checkAreaConflicts(
  ctx: Ctx,
  as: AddressSpace,
  va: number,
  size: number,
  avoid: number,
): Conflicts {
  if (ctx.fixed && overflowsIntoPositive(va, size)) return "conflict";
  if (overlaps(va, size, 0, PAGE_SIZE)) return "conflict"; // no area may touch the NULL page
  const found = btreeSearch(as.areas, va, ctx.fixed);
  if (found.value !== 0 && found.value !== avoid) return "conflict";
  const clashes = (id: number): boolean => {
    const a = areaOf(ctx, id);
    return overlaps(va, size, a.base, pagesToBytes(a.pages));
  };
  const left = leftNeighbour(as.areas, found.leaf);
  if (left !== NIL) {
    const n = node(as.areas, left);
    const id = n.value[n.keys - 1]!;
    if (id === avoid && !ctx.fixed) return "self-lock";
    if (id !== avoid && clashes(id)) return "conflict";
  }
  const right = rightNeighbour(as.areas, found.leaf);
  if (right !== NIL) {
    const id = node(as.areas, right).value[0]!;
    if (id === avoid && !ctx.fixed) return "self-lock";
    if (id !== avoid && clashes(id)) return "conflict";
  }
  const leaf = node(as.areas, found.leaf);
  for (let i = 0; i < leaf.keys; i++) {
    const id = leaf.value[i]!;
    if (id !== avoid && clashes(id)) return "conflict";
  }
  if (KERNEL_ADDRESS_SPACE_SHADOWED) return "none";
  const kernel = ctx.fixed
    ? !isWithinUserSpace(va, size)
    : overlaps(va, size, KERNEL_ADDRESS_SPACE_START, KERNEL_ADDRESS_SPACE_END - KERNEL_ADDRESS_SPACE_START);
  return kernel ? "conflict" : "none";
}

/** macros.h overflows_into_positive: a + b wraps past 2^32 to a non-zero sum. */
export function overflowsIntoPositive(a: number, b: number): boolean {
  const sum = add32(a, b);
  return sum < a && sum > 0;
}

/** macros.h iswithin(USER_ADDRESS_SPACE_START, user size, va, size), in 64-bit arithmetic. */
function isWithinUserSpace(va: number, size: number): boolean {
  const userLast = USER_ADDRESS_SPACE_END;
  if (size === 0) return va >= USER_ADDRESS_SPACE_START && va <= userLast;
  return va >= USER_ADDRESS_SPACE_START && va + size - 1 <= userLast;
}
