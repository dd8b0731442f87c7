import { digestOf } from "@pagefold/engine";
import { describe, expect, it } from "vitest";
import { Driver } from "./driver.js";

const IMAGE_END = 0xf0400000;

/**
 * UVM-KM-1: uvm_km_kmemalloc(kernel_map, 8 pages, UVM_KMF_NOWAIT) with only `available` pages
 * it may take (kernel objects may go down to the daemon's reserve of 1 free page).
 */
function shortOfPages(available: number, kmem: "1998" | "2012") {
  const d = new Driver(32, { revisions: { kmem } });
  d.run({ op: "ram.alloc", pages: 32 - available - 1 });
  const before = { memory: d.memoryDigest(), ram: digestOf(d.state.ram) };
  const outcome = d.run({ op: "km.kmemalloc", map: "kernel_map", size: 8 * 4096, flags: ["nowait"] });
  return { d, before, outcome };
}

describe("kmemalloc NOWAIT running out of pages mid-way (UVM-KM-1)", () => {
  it("2012: answers ENOMEM and leaves the map and RAM exactly as before (uvm_km_free of the whole range)", () => {
    for (const available of [0, 3, 6]) {
      const { d, before, outcome } = shortOfPages(available, "2012");
      expect(outcome).toMatchObject({ ok: false, code: "ENOMEM" });
      expect(d.memoryDigest()).toBe(before.memory);
      expect(d.violations()).toEqual([]);
    }
  });

  it("1998, 3 of 8 pages: ENOMEM and RAM as before, but the seed unmaps only [kva, kva + 5 pages): the tail stays", () => {
    const { d, before, outcome } = shortOfPages(3, "1998");
    expect(outcome).toMatchObject({ ok: false, code: "ENOMEM" });
    expect(outcome.effects).toEqual([
      { kind: "unmapped", map: "kernel_map", from: IMAGE_END, to: IMAGE_END + 5 * 4096, pagesFreed: 3 },
    ]);
    expect(digestOf(d.state.ram)).toBe(before.ram);
    expect(d.memoryDigest()).not.toBe(before.memory);
    expect(d.violations()).toEqual([
      `kmem.owned: 0x${(IMAGE_END + 5 * 4096).toString(16)}: 3 pages of VA nobody holds`,
    ]);
    // The leaked tail is never handed out again: 6 pages do not fit in the 5-page hole before it.
    expect(d.run({ op: "km.valloc", map: "kernel_map", size: 6 * 4096 }).value).toEqual({
      kva: IMAGE_END + 8 * 4096,
    });
  });

  it("1998, 6 of 8 pages: pages 2–5 stay mapped in the leaked tail, so RAM is not as before either", () => {
    const { d, before, outcome } = shortOfPages(6, "1998");
    expect(outcome.effects).toEqual([
      { kind: "unmapped", map: "kernel_map", from: IMAGE_END, to: IMAGE_END + 2 * 4096, pagesFreed: 2 },
    ]);
    expect(digestOf(d.state.ram)).not.toBe(before.ram);
    expect(d.state.kmem.objects.kernel_object.npages).toBe(4);
    expect(d.violations().join("\n")).toContain("6 pages of VA nobody holds");
  });

  it("without NOWAIT the same shortage sleeps in uvm_wait on the same page and finishes when pages come back", () => {
    const d = new Driver(32);
    const user = d.run({ op: "ram.alloc", pages: 28 });
    expect(d.run({ op: "km.kmemalloc", map: "kernel_map", size: 8 * 4096 }).value).toEqual({ blocked: 1 });
    expect(d.state.kmem.objects.kernel_object.npages).toBe(3);
    d.run({ op: "ram.free", pfn: (user.value as { pfn: number }).pfn, pages: 28 });
    const woken = d.run({ op: "pdaemon.run" }).effects?.find((e) => e.kind === "woken");
    expect(woken).toEqual({ kind: "woken", sleeper: 1, op: "km.kmemalloc", value: { kva: IMAGE_END } });
    expect(d.state.kmem.objects.kernel_object.npages).toBe(8);
    expect(d.violations()).toEqual([]);
  });
});
