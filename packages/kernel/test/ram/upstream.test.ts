/**
 * Upstream allocator tests replayed as event streams (KERNEL-SOURCES.md §3.5 and §1.6).
 */
import { checkInvariants, step, type Outcome } from "@pagefold/engine";
import { describe, expect, it } from "vitest";
import {
  allocFrames,
  kernelMachine,
  OwnerKind,
  type KernelEvent,
  type KernelState,
} from "../../src/index.js";
import { allocated, boot, run } from "../helpers.js";

/** HelenOS kernel/test/mm/falloc1.c: MAX_FRAMES 1024, MAX_ORDER 8, TEST_RUNS 2. */
const MAX_FRAMES = 1024;
const MAX_ORDER = 8;
const TEST_RUNS = 2;

/**
 * One falloc1 run through `apply`: for each order, frame_alloc(order) until failure or
 * MAX_FRAMES >> order blocks, every block aligned to its size, then frame_free each block.
 */
function falloc1(apply: (event: KernelEvent) => Outcome): number[] {
  const results: number[] = [];
  for (let order = 0; order <= MAX_ORDER; order++) {
    const frames: number[] = [];
    for (let i = 0; i < MAX_FRAMES >> order; i++) {
      const outcome = apply({ op: "ram.alloc", pages: 2 ** order, align: order });
      if (!outcome.ok) {
        expect(outcome.code).toBe("KErrNoMemory");
        break;
      }
      const pfn = allocated(outcome);
      expect(pfn % 2 ** order, `block at ${pfn} of order ${order} is not aligned`).toBe(0);
      frames.push(pfn);
    }
    results.push(frames.length);
    for (const pfn of frames) expect(apply({ op: "ram.free", pfn, pages: 2 ** order }).ok).toBe(true);
  }
  return results;
}

/** Makes `owner` hold frame `pfn` (allocation is lowest-first, so fill below it and free the fill). */
function holdFrame(state: KernelState, pfn: number, owner: OwnerKind): void {
  const fill: number[] = [];
  for (let p = allocFrames(state.ram, 1, 0, OwnerKind.Ram, 0, false); p !== pfn;) {
    fill.push(p);
    p = allocFrames(state.ram, 1, 0, OwnerKind.Ram, 0, false);
  }
  run(state, { op: "ram.free", pfn, pages: 1 });
  expect(allocFrames(state.ram, 1, 0, owner, pfn, false)).toBe(pfn);
  for (const p of fill) run(state, { op: "ram.free", pfn: p, pages: 1 });
}

describe("HelenOS falloc1", () => {
  it("allocates aligned blocks of every order on a 1024-frame machine, the same counts in both runs, all memory back", () => {
    let state = boot(MAX_FRAMES);
    const apply = (event: KernelEvent): Outcome => {
      const [next, outcome] = step(kernelMachine, state, event);
      state = next;
      return outcome;
    };
    const runs = Array.from({ length: TEST_RUNS }, () => falloc1(apply));
    expect(runs[1], "Possible frame leak").toEqual(runs[0]);
    expect(runs[0]).toEqual([1024, 512, 256, 128, 64, 32, 16, 8, 4]);
    expect(state.ram.freePages).toBe(MAX_FRAMES);
  });

  it("stops at the first failure when the kernel holds scattered frames, still leak-free", () => {
    const state = boot(MAX_FRAMES);
    // A block allocated low in memory and a few frames held by another subsystem.
    run(state, { op: "ram.alloc", pages: 37 });
    for (const pfn of [100, 301, 302, 640, 1023]) holdFrame(state, pfn, OwnerKind.PageTables);
    const free = state.ram.freePages;
    const apply = (event: KernelEvent): Outcome => run(state, event);
    const runs = Array.from({ length: TEST_RUNS }, () => falloc1(apply));
    expect(runs[1], "Possible frame leak").toEqual(runs[0]);
    expect(runs[0]![MAX_ORDER]).toBeLessThan(4);
    expect(state.ram.freePages).toBe(free);
    expect(checkInvariants(kernelMachine, state)).toEqual([]);
  });
});
