/**
 * The addrspace reclaimer: which anonymous pages the page daemon may take back (private areas of
 * address spaces no CPU runs), in which order (never-run address spaces, then by when they last
 * stopped running; areas by base; pages from the top), and that a reclaimed page faults back in.
 */
import { step, type Outcome } from "@pagefold/engine";
import { describe, expect, it } from "vitest";
import {
  addrspaceSubsystem,
  kernelMachine,
  type AddrspaceView,
  type KernelEvent,
  type KernelState,
} from "../../src/index.js";
import { bootAs, codeOf, PAGE } from "./helpers.js";

const view = (state: KernelState): AddrspaceView =>
  (kernelMachine.view(state) as { addrspace: AddrspaceView }).addrspace;
const used = (state: KernelState, as: number, base: string): readonly string[] =>
  view(state).spaces[String(as)]!.areas[base]!.used;

function faults(as: number, base: number, pages: number): KernelEvent[] {
  return Array.from({ length: pages }, (_, i): KernelEvent => ({
    op: "as.fault",
    as,
    addr: base + i * PAGE,
    access: "write",
  }));
}

function area(as: number, base: number, pages: number): KernelEvent {
  return { op: "area.create", as, base, size: pages * PAGE, flags: ["read", "write"] };
}

/**
 * 1: never ran, 10 private pages at 0x10000. 2: ran, then 4 ran after it; 10 private pages.
 * 3: runs on CPU 0, 10 private pages. 4: 5 private pages at 0x10000 and 5 shared ones at 0x40000.
 */
const setup: KernelEvent[] = [
  ...[1, 2, 3, 4].map((as): KernelEvent => ({ op: "as.create", as })),
  ...[1, 2, 3, 4].map((as) => area(as, 0x10000, 10)),
  area(4, 0x40000, 5),
  { op: "area.share", srcAs: 4, srcBase: 0x40000, size: 5 * PAGE, dstAs: 3, dstBase: 0x40000 },
  ...faults(1, 0x10000, 10),
  ...faults(2, 0x10000, 10),
  ...faults(3, 0x10000, 10),
  ...faults(4, 0x10000, 5),
  ...faults(4, 0x40000, 5),
  { op: "as.switch", as: 2 },
  { op: "as.switch", as: 4 },
  { op: "as.switch", as: 3 },
];

describe.each(["2006", "fixed"] as const)("addrspace reclaimer, revision %s", (rev) => {
  function booted(): KernelState {
    const state = bootAs(rev, 256);
    for (const event of setup) {
      const outcome = kernelMachine.reduce(state, event);
      expect(outcome.ok, JSON.stringify(event)).toBe(true);
    }
    return state;
  }

  it("offers the private pages of address spaces no CPU runs", () => {
    expect(addrspaceSubsystem.reclaimer!.inactive(booted())).toBe(10 + 10 + 5);
  });

  it("takes never-run address spaces first, then the longest stopped, each area from the top", () => {
    const state = booted();
    const effects: { kind: string }[] = [];
    const free = state.ram.freePages;
    expect(addrspaceSubsystem.reclaimer!.reclaim(state, 13, effects)).toBe(13);
    expect(state.ram.freePages).toBe(free + 13);
    expect(effects).toEqual([
      { kind: "as.pageout", as: 1, asid: 1, area: 0x10000, pages: 10 },
      { kind: "as.pageout", as: 2, asid: 1, area: 0x10000, pages: 3 }, // 3 stole its ASID
    ]);
    expect(used(state, 1, "0x00010000")).toEqual([]);
    expect(used(state, 2, "0x00010000")).toEqual(["0x00010000+7"]);
    expect(used(state, 3, "0x00010000")).toEqual(["0x00010000+10"]);
    // Asked for more than there is: the shared area of 4 and everything of running 3 stay.
    expect(addrspaceSubsystem.reclaimer!.reclaim(state, 100, effects)).toBe(7 + 5);
    expect(used(state, 4, "0x00040000")).toEqual(["0x00040000+5"]);
    expect(addrspaceSubsystem.reclaimer!.inactive(state)).toBe(0);
  });

  it("runs under pdaemon.run when memory is short, and a reclaimed page faults back in", () => {
    let state = booted();
    const apply = (event: KernelEvent): Outcome => {
      const [next, outcome] =
        rev === "fixed" ? step(kernelMachine, state, event) : [state, kernelMachine.reduce(state, event)];
      state = next;
      return outcome;
    };
    // 40 frames in use; take the rest down to 10 free (freetarg is 16 on 256 frames).
    expect(codeOf(apply({ op: "ram.alloc", pages: 256 - 40 - 10 }))).toBe("ok");
    const outcome = apply({ op: "pdaemon.run" });
    expect(outcome.ok && outcome.effects).toContainEqual({
      kind: "as.pageout",
      as: 1,
      asid: 1,
      area: 0x10000,
      pages: 6,
    });
    expect(state.ram.freePages).toBe(16);
    expect(used(state, 1, "0x00010000")).toEqual(["0x00010000+4"]);
    const again = apply({ op: "as.fault", as: 1, addr: 0x19000, access: "read" });
    expect(again).toMatchObject({
      ok: true,
      value: "AS_PF_OK",
      effects: [{ kind: "frame.alloc", as: 1, page: 0x19000 }],
    });
    expect(used(state, 1, "0x00010000")).toEqual(["0x00010000+4", "0x00019000+1"]);
  });
});
