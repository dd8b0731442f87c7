import { describe, expect, it } from "vitest";
import { tune } from "../../src/index.js";
import { Driver } from "../kmem/driver.js";

/** 1024 frames, a pager holding ~300 reclaimable pages, and user pages until `free` remain. */
function pressed(free: number, kmem: "1998" | "2012" = "1998"): Driver {
  const d = new Driver(1024, { revisions: { kmem }, pager: { minPages: 16, maxPages: 800 } });
  for (let page = 0; page < 300; page++) d.run({ op: "page.access", page });
  d.run({ op: "ram.alloc", pages: d.state.ram.freePages - free });
  return d;
}

describe("the page daemon's numbers (uvmpd_tune)", () => {
  it("1998: freemin = npages/20 within [16 KiB, 256 KiB]; 2012: npages/30 within [16 KiB, 512 KiB]; freetarg = 4/3", () => {
    expect(tune(16384, "1998")).toEqual({ freemin: 64, freetarg: 85 });
    expect(tune(1024, "1998")).toEqual({ freemin: 51, freetarg: 68 });
    expect(tune(48, "1998")).toEqual({ freemin: 4, freetarg: 5 });
    expect(tune(16384, "2012")).toEqual({ freemin: 128, freetarg: 170 });
    expect(tune(64, "2012")).toEqual({ freemin: 6, freetarg: 8 });
  });
});

describe("pdaemon.run: wakes and reclaims by free-page counts, blind to alignment", () => {
  it("with free >= freetarg it frees nothing and goes back to sleep", () => {
    const d = pressed(68);
    expect(d.run({ op: "pdaemon.run" }).effects).toEqual([
      { kind: "enoughFree", free: 68, freetarg: 68, largestFreeRun: 68, largestFreeOrder: 6 },
    ]);
    expect(d.state.pdaemon).toMatchObject({ woke: 1, enoughFree: 1, scans: 0 });
  });

  it("below freetarg it reclaims inactive (paged) pages up to the target", () => {
    const d = pressed(20);
    const effects = d.run({ op: "pdaemon.run" }).effects ?? [];
    expect(effects.at(-1)).toEqual({ kind: "reclaimed", wanted: 48, freed: 48, free: 68, freetarg: 68 });
    expect(d.state.pdaemon).toMatchObject({ scans: 1, freed: 48 });
    expect(d.violations()).toEqual([]);
  });

  it("runs on a tick only after an allocator woke it (uvm_pagealloc below freemin)", () => {
    const d = pressed(60);
    expect(d.run({ op: "tick" }).effects).toBeUndefined();
    d.run({ op: "km.alloc1", map: "kernel_map", size: 20 * 4096 });
    expect(d.state.pdaemon.wanted).toBe(true);
    const tick = d.run({ op: "tick" }).effects ?? [];
    expect(tick.at(-1)).toMatchObject({ kind: "reclaimed", freed: 28, free: 68 });
    expect(d.state.pdaemon.wanted).toBe(false);
  });

  it("wakes uvm_wait sleepers after every pass; with nothing reclaimable they sleep on and wake it again", () => {
    const d = new Driver(64);
    d.run({ op: "ram.alloc", pages: 60 });
    expect(d.run({ op: "km.kmemalloc", map: "kernel_map", size: 8 * 4096 }).value).toEqual({ blocked: 1 });
    for (let i = 0; i < 3; i++) {
      expect(d.run({ op: "tick" }).effects).toEqual([
        { kind: "reclaimed", wanted: 4, freed: 0, free: 1, freetarg: 5 },
      ]);
      expect(d.state.pdaemon.wanted).toBe(true);
    }
    d.run({ op: "ram.free", pfn: 20, pages: 10 });
    const woken = d.run({ op: "tick" }).effects?.find((e) => e.kind === "woken");
    expect(woken).toMatchObject({ sleeper: 1, op: "km.kmemalloc" });
    expect(d.state.pdaemon.woke).toBe(4);
  });

  it("2012: a starved kmem_map (under a tenth free) is a reason to wake, however many pages are free", () => {
    const d = new Driver(1024, { revisions: { kmem: "2012" } });
    d.run({ op: "km.suballoc", name: "kmem_map", size: 20 * 4096 });
    d.run({ op: "km.kmemalloc", map: "kmem_map", size: 18 * 4096 });
    expect(d.state.pdaemon.wanted).toBe(false);
    d.run({ op: "km.kmemalloc", map: "kmem_map", size: 2 * 4096 });
    expect(d.state.pdaemon.wanted).toBe(true);
  });
});
