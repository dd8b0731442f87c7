/**
 * HOS-AS-4 (KERNEL-SOURCES.md §5): an anonymous area shared twice, then its three areas destroyed
 * in each order. share_info starts at refcount 2, the second share makes it 3, each destroy drops
 * one and the last frees the pagemap's frames. Revision "fixed" runs step by step with every
 * invariant checked; revision 2006 shows where the seed parts from it.
 */
import { applyEvent, checkInvariants, step, type Outcome } from "@pagefold/engine";
import {
  applyRevisionOverrides,
  configureKernel,
  kernelMachine,
  type AddrspaceView,
  type KernelEvent,
  type KernelState,
} from "@pagefold/kernel";
import { describe, expect, it } from "vitest";
import { codeOf, type Revision } from "./scenario.js";

const P = 4096;
const RAM = 64;

function boot(rev: Revision): KernelState {
  const base = configureKernel({ ramPages: RAM });
  if (!base.ok) throw new Error(base.message);
  const config = applyRevisionOverrides(base.value, [`addrspace=${rev}`]);
  if (!config.ok) throw new Error(config.message);
  return kernelMachine.init(config.value);
}

const view = (state: KernelState): AddrspaceView =>
  (kernelMachine.view(state) as { addrspace: AddrspaceView }).addrspace;
const refcount = (state: KernelState): number => view(state).shares["1"]?.refcount ?? 0;

/** Address space 1's area is shared into 2 and 3; `resident` pages of it are used before sharing. */
function shareTwice(resident: boolean): KernelEvent[] {
  return [
    { op: "as.create", as: 1 },
    { op: "as.create", as: 2 },
    { op: "as.create", as: 3 },
    { op: "area.create", as: 1, base: 0x10000, size: 2 * P, flags: ["read", "write"] },
    ...(resident ? [{ op: "as.fault", as: 1, addr: 0x10000, access: "write" } as const] : []),
    { op: "area.share", srcAs: 1, srcBase: 0x10000, size: 2 * P, dstAs: 2, dstBase: 0x20000 },
    { op: "area.share", srcAs: 1, srcBase: 0x10000, size: 2 * P, dstAs: 3, dstBase: 0x30000 },
    { op: "as.fault", as: 2, addr: 0x20000, access: "read" },
    { op: "as.fault", as: 3, addr: 0x31000, access: "write" },
    { op: "as.fault", as: 1, addr: 0x11000, access: "read" },
    { op: "as.fault", as: 2, addr: 0x21000, access: "read" },
    { op: "as.fault", as: 3, addr: 0x30000, access: "read" },
  ];
}

const destroyOf: Record<number, KernelEvent> = {
  1: { op: "area.destroy", as: 1, addr: 0x10000 },
  2: { op: "area.destroy", as: 2, addr: 0x20000 },
  3: { op: "area.destroy", as: 3, addr: 0x30000 },
};
const orders = [
  [1, 2, 3],
  [3, 2, 1],
  [2, 1, 3],
] as const;

describe("share twice, destroy in each order", () => {
  it.each(orders)(
    'revision "fixed": refcounts 2, 3, then %i, %i, %i → 2, 1, 0 and every frame back',
    (...order) => {
      let state = boot("fixed");
      const apply = (event: KernelEvent): Outcome => {
        const [next, outcome] = step(kernelMachine, state, event);
        state = next;
        return outcome;
      };
      const counts: number[] = [];
      for (const event of shareTwice(true)) {
        expect(apply(event).ok).toBe(true);
        if (event.op === "area.share") counts.push(refcount(state));
      }
      // Each frame: one reference from the pagemap and one from each of the three areas mapping it.
      expect(view(state).frameRefs).toEqual({ "0": 4, "1": 4 });
      for (const as of order) {
        expect(apply(destroyOf[as]!).ok).toBe(true);
        counts.push(refcount(state));
      }
      expect(counts).toEqual([2, 3, 2, 1, 0]);
      expect(view(state).frames).toBe(0);
      expect(state.ram.freePages).toBe(RAM);
    },
  );

  it("revision 2006: the second share of an area with a resident page panics", () => {
    const state = boot("2006");
    const codes = shareTwice(true).map((event) => codeOf(applyEvent(kernelMachine, state, event)));
    expect(codes.slice(4, 7)).toEqual(["AS_PF_OK", "ok", "PANIC"]);
    expect(state.panic).toMatch(/B-tree already contains key 0/);
  });

  it.each(orders)(
    "revision 2006 without resident pages: refcounts match, frames go on the first destroy (%i, %i, %i)",
    (...order) => {
      const state = boot("2006");
      const counts: number[] = [];
      for (const event of shareTwice(false)) {
        expect(applyEvent(kernelMachine, state, event).ok).toBe(true);
        if (event.op === "area.share") counts.push(refcount(state));
      }
      expect(checkInvariants(kernelMachine, state).map((v) => v.invariant)).toEqual(["addrspace.frames"]);
      const [first, ...rest] = order;
      expect(applyEvent(kernelMachine, state, destroyOf[first]!).ok).toBe(true);
      counts.push(refcount(state));
      // The first destroy released frames the pagemap and the other two areas still map.
      expect(state.ram.freePages).toBeGreaterThan(RAM - 2);
      const outcomes = rest.map((as) => {
        const outcome = applyEvent(kernelMachine, state, destroyOf[as]!);
        counts.push(refcount(state));
        return codeOf(outcome);
      });
      expect(counts.slice(0, 3)).toEqual([2, 3, 2]);
      // Freeing the same frames again trips frame_free's ASSERT(frame->refcount).
      expect(outcomes).toContain("PANIC");
      expect(state.panic).toBe("assertion failed (frame->refcount)");
    },
  );
});
