import { describe, expect, it } from "vitest";
import { Scenario } from "./scenario.js";

/**
 * KERNEL-SOURCES.md §5, UVM-KM-1 and UVM-KM-2 (no upstream unit test exists for uvm_km_*: §4.4),
 * as event streams with the oracle the section gives.
 */
const PAGE = 4096;

describe("UVM-KM-1: kmemalloc NOWAIT with the page pool exhausted mid-way", () => {
  it("returns 0 and releases the VA (2012: uvm_km_free of the whole range)", () => {
    const s = new Scenario({ ramPages: 64, revisions: { kmem: "2012" } });
    s.run({ op: "km.suballoc", name: "kmem_map", size: 64 * PAGE });
    s.run({ op: "ram.alloc", pages: 58 });
    expect(s.run({ op: "km.kmemalloc", map: "kmem_map", size: 16 * PAGE, flags: ["nowait"] }).ok).toBe(false);
    expect(s.run({ op: "km.kmemalloc", map: "kmem_map", size: 64 * PAGE, flags: ["valloc"] }).ok).toBe(true);
    expect(s.state.ram.freePages).toBe(6);
    expect(s.broken()).toEqual([]);
  });

  it("the seed (1998) returns 0 but keeps the tail it forgot to unmap: the whole map is no longer free", () => {
    const s = new Scenario({ ramPages: 64 });
    s.run({ op: "km.suballoc", name: "kmem_map", size: 64 * PAGE });
    s.run({ op: "ram.alloc", pages: 58 });
    expect(s.run({ op: "km.kmemalloc", map: "kmem_map", size: 16 * PAGE, flags: ["nowait"] }).ok).toBe(false);
    expect(s.run({ op: "km.kmemalloc", map: "kmem_map", size: 64 * PAGE, flags: ["valloc"] })).toMatchObject({
      code: "ENOMEM",
    });
    expect(s.state.ram.freePages).toBe(6);
    expect(s.broken()).toEqual(["kmem.owned"]);
  });
});

describe("UVM-KM-2: valloc_wait on a full submap, then free_wakeup", () => {
  for (const kmem of ["1998", "2012"] as const) {
    it(`${kmem}: the sleeper wakes and succeeds`, () => {
      const s = new Scenario({ ramPages: 64, revisions: { kmem } });
      s.run({ op: "km.suballoc", name: "exec_map", size: 8 * PAGE, pageable: true });
      const first = s.run({ op: "km.vallocWait", map: "exec_map", size: 8 * PAGE });
      expect(s.run({ op: "km.vallocWait", map: "exec_map", size: 4 * PAGE }).value).toEqual({ blocked: 1 });
      const addr = (first.value as { kva: number }).kva;
      const wake = s.run({ op: "km.freeWakeup", map: "exec_map", addr, size: 8 * PAGE });
      expect(wake.effects).toContainEqual({
        kind: "woken",
        sleeper: 1,
        op: "km.vallocWait",
        value: { kva: addr },
      });
      expect(s.broken()).toEqual([]);
    });
  }

  it("1998: size > submap → 0 immediately", () => {
    const s = new Scenario({ ramPages: 64 });
    s.run({ op: "km.suballoc", name: "exec_map", size: 8 * PAGE });
    expect(s.codes([{ op: "km.vallocWait", map: "exec_map", size: 9 * PAGE }])).toEqual(["ENOMEM"]);
    expect(s.state.kmem.sleepers).toEqual({});
  });
});
