import { checkInvariants } from "@pagefold/engine";
import { describe, expect, it } from "vitest";
import { kernelMachine, type KernelState } from "../../src/index.js";
import { boot, run } from "../helpers.js";

function broken(state: KernelState): Record<string, readonly string[]> {
  return Object.fromEntries(checkInvariants(kernelMachine, state).map((v) => [v.invariant, v.messages]));
}

function sample(): KernelState {
  const state = boot(256);
  run(state, { op: "ram.alloc", pages: 40 });
  run(state, { op: "ram.alloc", pages: 4, align: 2, movable: true });
  return state;
}

describe("ram invariants", () => {
  it("hold on a sane state", () => {
    expect(broken(sample())).toEqual({});
  });

  it("catch a free counter that drifted", () => {
    const state = sample();
    state.ram.freePages++;
    expect(broken(state)).toEqual({
      "ram.free-accounting": ["freePages 213, free owner entries 212, free bits 212"],
    });
  });

  it("catch a frame free in the bitmap but owned, and a used frame without owner", () => {
    const state = sample();
    const words = state.ram.bitmap[0]![0]![0]!;
    words[0] = 1; // frame 0 free in the bitmap
    words[3] = words[3]! & ~(1 << 4); // frame 100 used in the bitmap
    const found = broken(state);
    expect(found["ram.owners-agree"]).toEqual([
      "frame 0 is free in the bitmap but owned by ram",
      "frame 100 is used in the bitmap but has no owner",
    ]);
    expect(found["ram.summary-tree"]?.[0]).toMatch(/^node \d+ \w+ is \d+, the bitmap says \d+$/);
  });

  it("catch a stale summary node", () => {
    const state = sample();
    const root = state.ram.summary[0]![0]![0]!;
    root[4 + 2] = 256; // root's longest free run
    expect(broken(state)).toEqual({ "ram.summary-tree": ["node 1 best is 256, the bitmap says 212"] });
  });

  it("catch malformed owner entries and set padding bits", () => {
    const state = boot(48);
    state.ram.frames[0]![0]![0]![3] = 16; // kind 0 but not 0
    state.ram.bitmap[0]![0]![0]![1] = -1; // frames 48..63 do not exist
    expect(broken(state)["ram.owners-agree"]).toContain("frame 3 has a malformed owner entry 16");
    expect(broken(state)["ram.owners-agree"]).toContain("bit of frame 48 beyond RAM is set");
  });

  it("catch a malformed layout (an untrusted snapshot) without throwing", () => {
    const state = sample();
    (state.ram.frames[0]![0] as unknown[]).push([1, 2, 3]);
    const found = broken(state);
    expect(found["ram.layout"]?.[0]).toMatch(/^frames/);
    expect(found["ram.free-accounting"]).toEqual(["the ram tables are malformed (see ram.layout)"]);

    const flat = sample();
    (flat.ram as { bitmap: unknown }).bitmap = new Array(8).fill(-1);
    expect(broken(flat)["ram.layout"]).toEqual(["bitmap: [0] is not an array of 1..64"]);

    const missing = sample();
    delete (missing as Partial<KernelState>).ram;
    expect(broken(missing)["ram.layout"]).toEqual(["the ram slice is missing"]);
  });

  it("check the kernel's clock, random state and config", () => {
    const state = sample();
    state.clock = -1;
    state.rng = 2 ** 32;
    (state as { config: unknown }).config = { ...state.config, ramPages: 100 };
    const found = broken(state);
    expect(found["kernel.clock"]).toEqual([
      "clock -1 is not a safe integer ≥ 0",
      "rng 4294967296 is not a uint32",
    ]);
    expect(found["kernel.config"]).toEqual([
      "config.ramPages: must be an integer from 16 to 4194304, a multiple of 16",
    ]);
  });
});

describe("invariants on a state without config", () => {
  it("report it instead of throwing", () => {
    const state = sample();
    delete (state as { config?: unknown }).config;
    const found = broken(state);
    expect(found["kernel.config"]).toEqual(["the config is missing"]);
    expect(found["ram.layout"]).toEqual(["totalPages 256 ≠ config.ramPages undefined"]);
  });
});
