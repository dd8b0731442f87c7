/** as.c as_create and as_area_create. */
import { err, ok, type Outcome } from "@pagefold/engine";
import { add32, size2frames } from "./addr.js";
import { checkAreaConflicts, overflowsIntoPositive } from "./areas.js";
import { btreeCreate, node } from "./btree/node.js";
import { btreeInsert } from "./btree/insert.js";
import { ASID_INVALID, ASID_KERNEL, AS_AREA_EXEC, AS_AREA_WRITE, PAGE_SIZE } from "./constants.js";
import { spaceOf, type Ctx } from "./context.js";
import { EADDRNOTAVAIL, EEXIST, EINVAL } from "../codes.js";
import { lockSpace } from "./locks.js";
import { sparseSet } from "../sparse-table.js";
import { newArea, type AddressSpace, type Backend } from "./state.js";
import { dropIfUnreachable } from "./gc.js";

/** as_create: an address space with no areas and no ASID (ASID_KERNEL for the kernel's). */
export function asCreate(ctx: Ctx, id: number, kernel: boolean): Outcome {
  if (spaceOf(ctx, id) !== undefined) return err(EEXIST, `address space ${id} exists`);
  if (kernel && ctx.s.kernelAs >= 0) return err(EEXIST, `the kernel address space is ${ctx.s.kernelAs}`);
  const as: AddressSpace = {
    id,
    asid: kernel ? ASID_KERNEL : ASID_INVALID,
    cpuRefcount: 0,
    areas: btreeCreate(),
    ptes: {},
    lastRun: 0,
    hung: "",
  };
  sparseSet(ctx.s.spaces, id, as);
  if (kernel) ctx.s.kernelAs = id;
  return ok();
}

/** Why as_area_create returned NULL, as EVENTS.md names it; undefined when it created the area. */
export type CreateFailure = { code: string; message: string } | undefined;

/**
 * as_area_create: refuses a misaligned base, a zero size and writable executable areas (EINVAL),
 * and areas conflicting with other areas, the NULL page or kernel space (EADDRNOTAVAIL). Revision
 * "fixed" also refuses a base + size that wraps past 2^32 (HelenOS 0941e9aef8 / 947958124a).
 * Returns the new area's id or the failure.
 */
export function asAreaCreate(
  ctx: Ctx,
  as: AddressSpace,
  request: { flags: number; size: number; base: number; attributes: number; backend: Backend },
): number | CreateFailure {
  const { flags, size, base } = request;
  if (base % PAGE_SIZE !== 0) return { code: EINVAL, message: `base ${base} is not page aligned` };
  if (size === 0) return { code: EINVAL, message: "size 0" };
  if (flags & AS_AREA_EXEC && flags & AS_AREA_WRITE) {
    return { code: EINVAL, message: "writeable executable areas are not supported" };
  }
  if (ctx.fixed && overflowsIntoPositive(base, size)) {
    return { code: EINVAL, message: `base ${base} + size ${size} wraps past 2^32` };
  }
  lockSpace(as, "as_area_create");
  if (checkAreaConflicts(ctx, as, base, size, 0) !== "none") {
    return { code: EADDRNOTAVAIL, message: `[${base}, ${add32(base, size)}) conflicts` };
  }
  const id = ++ctx.s.areaSerial;
  const area = newArea(as.id, base, size2frames(size), flags, request.backend);
  area.attributes = request.attributes;
  sparseSet(ctx.s.areas, id, area);
  areaTreeInsert(ctx, as, base, id);
  return id;
}

/**
 * btree_insert(&as->as_area_btree, base, a, NULL). An emptied root's stale slot 0 is overwritten,
 * so the freed area it still pointed to (revision 2006) is no longer reachable and is dropped.
 */
function areaTreeInsert(ctx: Ctx, as: AddressSpace, base: number, id: number): void {
  const root = node(as.areas, as.areas.root);
  const stale = root.keys === 0 ? root.value[0]! : 0;
  btreeInsert(as.areas, base, id, 0, ctx.fixed);
  if (stale !== 0) dropIfUnreachable(ctx, stale);
}

/** The event's flag names as the as.h AS_AREA_* bits. */
export function areaFlags(names: readonly string[]): number {
  const bits: Record<string, number> = { read: 1, write: 2, exec: 4, device: 8 };
  return names.reduce((mask, name) => mask | (bits[name] ?? 0), 0);
}
