import { checkInvariants, digestOf } from "@pagefold/engine";
import { describe, expect, it } from "vitest";
import {
  allocFrames,
  firstFreeFrame,
  frameOwner,
  freeFrames,
  kernelMachine,
  migrateFrame,
  OwnerKind,
  ramCounters,
  ramView,
} from "../../src/index.js";
import { allocated, boot, codeOf, run } from "../helpers.js";

describe("ram.alloc", () => {
  it("takes the lowest free frames first", () => {
    const state = boot(256);
    expect([1, 2, 3].map(() => allocated(run(state, { op: "ram.alloc", pages: 1 })))).toEqual([0, 1, 2]);
    expect(allocated(run(state, { op: "ram.alloc", pages: 3 }))).toBe(3);
    expect(ramCounters(state.ram)).toMatchObject({ freePages: 250, usedPages: 6, largestFreeRun: 250 });
  });

  it("starts aligned blocks at a multiple of 2^align, skipping lower holes that do not fit", () => {
    const state = boot(256);
    run(state, { op: "ram.alloc", pages: 1 });
    expect(allocated(run(state, { op: "ram.alloc", pages: 4, align: 2 }))).toBe(4);
    expect(allocated(run(state, { op: "ram.alloc", pages: 3, align: 3 }))).toBe(8);
    expect(allocated(run(state, { op: "ram.alloc", pages: 2 }))).toBe(1);
    expect(allocated(run(state, { op: "ram.alloc", pages: 64, align: 6 }))).toBe(64);
    expect(allocated(run(state, { op: "ram.alloc", pages: 5, align: 1 }))).toBe(12);
  });

  it("fills a hole exactly its size and crosses bitmap words", () => {
    const state = boot(128);
    allocated(run(state, { op: "ram.alloc", pages: 70 }));
    run(state, { op: "ram.free", pfn: 20, pages: 30 });
    expect(allocated(run(state, { op: "ram.alloc", pages: 30 }))).toBe(20);
    expect(allocated(run(state, { op: "ram.alloc", pages: 40 }))).toBe(70);
  });

  it("answers KErrNoMemory when free pages suffice but no aligned run does", () => {
    const state = boot(64);
    for (let i = 0; i < 64; i++) run(state, { op: "ram.alloc", pages: 1 });
    for (let pfn = 1; pfn < 64; pfn += 4) run(state, { op: "ram.free", pfn, pages: 3 });
    expect(state.ram.freePages).toBe(48);
    const outcome = run(state, { op: "ram.alloc", pages: 4, align: 2 });
    expect(codeOf(outcome)).toBe("KErrNoMemory");
    expect(allocated(run(state, { op: "ram.alloc", pages: 3 }))).toBe(1);
    expect(allocated(run(state, { op: "ram.alloc", pages: 2, align: 1 }))).toBe(6);
  });

  it("refuses 0 pages and alignments beyond 2^31 as KErrArgument, impossible sizes as KErrNoMemory", () => {
    const state = boot(64);
    expect(codeOf(run(state, { op: "ram.alloc", pages: 0 }))).toBe("KErrArgument");
    expect(codeOf(run(state, { op: "ram.alloc", pages: 1, align: 32 }))).toBe("KErrArgument");
    expect(codeOf(run(state, { op: "ram.alloc", pages: 65 }))).toBe("KErrNoMemory");
    expect(codeOf(run(state, { op: "ram.alloc", pages: 2 ** 50 }))).toBe("KErrNoMemory");
    expect(allocated(run(state, { op: "ram.alloc", pages: 1, align: 31 }))).toBe(0);
    expect(codeOf(run(state, { op: "ram.alloc", pages: 1, align: 31 }))).toBe("KErrNoMemory");
    expect(state.ram.freePages).toBe(63);
  });

  it("never hands out the padding bits of a RAM size that is not a multiple of 32 frames", () => {
    for (const ramPages of [16, 48, 80]) {
      const state = boot(ramPages);
      expect(allocated(run(state, { op: "ram.alloc", pages: ramPages }))).toBe(0);
      expect(codeOf(run(state, { op: "ram.alloc", pages: 1 }))).toBe("KErrNoMemory");
      run(state, { op: "ram.free", pfn: 0, pages: ramPages });
      for (let i = 0; i < ramPages; i++) expect(allocated(run(state, { op: "ram.alloc", pages: 1 }))).toBe(i);
      expect(codeOf(run(state, { op: "ram.alloc", pages: 1 }))).toBe("KErrNoMemory");
      expect(checkInvariants(kernelMachine, state)).toEqual([]);
    }
  });

  it("boots the largest machine (2^22 frames) and allocates at its top", () => {
    const state = boot(1 << 22);
    expect(allocated(run(state, { op: "ram.alloc", pages: 1 << 21, align: 21 }))).toBe(0);
    expect(allocated(run(state, { op: "ram.alloc", pages: 1 << 20, align: 21 }))).toBe(1 << 21);
    expect(allocated(run(state, { op: "ram.alloc", pages: 3 }))).toBe(3 << 20);
    expect(ramCounters(state.ram).largestFreeOrder).toBe(19);
  });
});

describe("ram.free", () => {
  it("frees any sub-range of ram allocations, and the frames are reused", () => {
    const state = boot(64);
    allocated(run(state, { op: "ram.alloc", pages: 8 }));
    expect(codeOf(run(state, { op: "ram.free", pfn: 2, pages: 3 }))).toBe("ok");
    expect(allocated(run(state, { op: "ram.alloc", pages: 3 }))).toBe(2);
    expect(codeOf(run(state, { op: "ram.free", pfn: 0, pages: 8 }))).toBe("ok");
    expect(state.ram.freePages).toBe(64);
  });

  it("changes nothing when one frame of the range is free, foreign or beyond RAM", () => {
    const state = boot(64);
    allocated(run(state, { op: "ram.alloc", pages: 4 }));
    allocFrames(state.ram, 2, 0, OwnerKind.L1, 7, false);
    const before = digestOf(state);
    const free = run(state, { op: "ram.free", pfn: 2, pages: 4 });
    expect(free).toMatchObject({ ok: false, code: "KErrArgument", message: "frame 4 belongs to l1" });
    expect(run(state, { op: "ram.free", pfn: 6, pages: 1 })).toMatchObject({
      code: "KErrArgument",
      message: "frame 6 is free",
    });
    expect(codeOf(run(state, { op: "ram.free", pfn: 60, pages: 5 }))).toBe("KErrArgument");
    expect(codeOf(run(state, { op: "ram.free", pfn: 0, pages: 0 }))).toBe("KErrArgument");
    expect(digestOf(state)).toBe(before);
  });
});

describe("ram.migrate", () => {
  it("moves a movable frame to the lowest free frame, keeping its owner tag", () => {
    const state = boot(64);
    allocated(run(state, { op: "ram.alloc", pages: 4 }));
    const block = allocated(run(state, { op: "ram.alloc", pages: 3, movable: true }));
    run(state, { op: "ram.free", pfn: 1, pages: 2 });
    const owner = frameOwner(state.ram, block + 2);
    expect(run(state, { op: "ram.migrate", pfn: block + 2 })).toEqual({
      ok: true,
      value: { from: 6, to: 1 },
    });
    expect(frameOwner(state.ram, 1)).toEqual(owner);
    expect(frameOwner(state.ram, 6)).toBeNull();
    expect(codeOf(run(state, { op: "ram.free", pfn: 1, pages: 1 }))).toBe("ok");
    expect(checkInvariants(kernelMachine, state)).toEqual([]);
  });

  it("refuses unmovable, free, foreign and out-of-range frames, and has nowhere to go on a full machine", () => {
    const state = boot(16);
    run(state, { op: "ram.alloc", pages: 1 });
    allocFrames(state.ram, 1, 0, OwnerKind.PageTables, 0, true);
    run(state, { op: "ram.alloc", pages: 14, movable: true });
    expect(codeOf(run(state, { op: "ram.migrate", pfn: 0 }))).toBe("KErrNotSupported");
    expect(codeOf(run(state, { op: "ram.migrate", pfn: 1 }))).toBe("KErrNotSupported");
    expect(codeOf(run(state, { op: "ram.migrate", pfn: 16 }))).toBe("KErrArgument");
    expect(codeOf(run(state, { op: "ram.migrate", pfn: 5 }))).toBe("KErrNoMemory");
    run(state, { op: "ram.free", pfn: 5, pages: 1 });
    expect(codeOf(run(state, { op: "ram.migrate", pfn: 5 }))).toBe("KErrArgument");
  });

  it("avoids a range when the caller asks (defragmenting a region)", () => {
    const state = boot(128);
    const pfn = allocFrames(state.ram, 1, 0, OwnerKind.Ram, 1, true);
    allocFrames(state.ram, 9, 0, OwnerKind.Ram, 2, false);
    expect(migrateFrame(state.ram, pfn, { from: 10, to: 40 })).toBe(40);
    expect(firstFreeFrame(state.ram)).toBe(0);
    expect(firstFreeFrame(state.ram, 41)).toBe(41);
    expect(() => migrateFrame(state.ram, 3)).toThrow(/not movable/);
  });
});

describe("the internal allocator API", () => {
  it("states its preconditions", () => {
    const state = boot(64);
    expect(() => allocFrames(state.ram, 0, 0, OwnerKind.Ram, 0, false)).toThrow(/pages/);
    expect(() => allocFrames(state.ram, 1, 0, OwnerKind.Free, 0, false)).toThrow(/free owner/);
    expect(() => freeFrames(state.ram, 3, 1)).toThrow(/already free/);
    expect(() => freeFrames(state.ram, 63, 2)).toThrow(/out of RAM/);
  });

  it("keeps owners apart and tags every frame", () => {
    const state = boot(64);
    expect(allocFrames(state.ram, 4, 2, OwnerKind.L1, 99, false)).toBe(0);
    expect(frameOwner(state.ram, 3)).toEqual({ kind: OwnerKind.L1, owner: "l1", tag: 99, movable: false });
    freeFrames(state.ram, 0, 4);
    expect(state.ram.freePages).toBe(64);
  });
});

describe("ramView", () => {
  it("shows owned blocks by first pfn, fragmentation counters and buddy-style free blocks", () => {
    const state = boot(64);
    run(state, { op: "ram.alloc", pages: 3 });
    run(state, { op: "ram.alloc", pages: 2, movable: true });
    run(state, { op: "ram.alloc", pages: 4, align: 2 });
    const view = ramView(state.ram);
    expect(view.blocks).toEqual({
      "0": { pages: 3, owner: "ram", tag: 1, movable: false },
      "3": { pages: 2, owner: "ram", tag: 2, movable: true },
      "8": { pages: 4, owner: "ram", tag: 3, movable: false },
    });
    // free: 5..7 (1 + 2), 12..63 (4 + 16 + 32)
    expect(view.freeBlocksPerOrder).toEqual([1, 1, 1, 0, 1, 1, 0]);
    expect(view).toMatchObject({ freePages: 55, largestFreeRun: 52, largestFreeOrder: 5, allocations: 3 });
  });
});
