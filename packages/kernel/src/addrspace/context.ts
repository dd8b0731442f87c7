/** What every modelled as.c function works with: the slice, the revision and the effects so far. */
import type { Effect } from "@pagefold/engine";
import type { KernelState } from "../state.js";
import type { AddressSpace, AddrspaceState, Area, ShareInfo } from "./state.js";
import { sparseGet } from "../sparse-table.js";

export interface Ctx {
  readonly state: KernelState;
  readonly s: AddrspaceState;
  /** Revision "fixed": the later HelenOS corrections (each cites its commit where it applies). */
  readonly fixed: boolean;
  readonly effects: Effect[];
}

export function context(state: KernelState): Ctx {
  return {
    state,
    s: state.addrspace,
    fixed: state.config.revisions.addrspace === "fixed",
    effects: [],
  };
}

export function spaceOf(ctx: Ctx, id: number): AddressSpace | undefined {
  return sparseGet(ctx.s.spaces, id);
}

export function areaOf(ctx: Ctx, id: number): Area {
  const area = sparseGet(ctx.s.areas, id);
  if (area === undefined) throw new Error(`area ${id} is referenced but does not exist`);
  return area;
}

export function shareOf(ctx: Ctx, id: number): ShareInfo | undefined {
  return sparseGet(ctx.s.shares, id);
}

/**
 * AS, the address space current on CPU 0, where the area.* entry points run; a CPU that has not
 * switched to any address space yet runs in the one the call names (a syscall from its thread).
 */
export function currentAs(ctx: Ctx, as: AddressSpace): AddressSpace {
  const current = ctx.s.cpus[0]!;
  return current < 0 ? as : (spaceOf(ctx, current) ?? as);
}
