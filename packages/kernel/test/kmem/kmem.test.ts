import { describe, expect, it } from "vitest";
import { sparseGet, sparseSize } from "../../src/sparse-table.js";
import { Driver } from "./driver.js";

const BASE = 0xf0000000;
const IMAGE_END = 0xf0400000;
const page = (kva: number) => (kva - BASE) / 4096;
const kvaOf = (outcome: { ok: boolean; value?: unknown }) => (outcome.value as { kva: number }).kva;

describe("uvm_km_init and uvm_km_suballoc", () => {
  it("reserves the kernel image in kernel_map and first-fits submaps after it, never merged", () => {
    const d = new Driver(256);
    expect(d.run({ op: "km.suballoc", name: "kmem_map", size: 10_000 })).toEqual({
      ok: true,
      value: { min: IMAGE_END, max: IMAGE_END + 3 * 4096 },
    });
    expect(d.run({ op: "km.suballoc", name: "exec_map", size: 4096, fixed: true, min: 0xf8000000 })).toEqual({
      ok: true,
      value: { min: 0xf8000000, max: 0xf8001000 },
    });
    expect(d.run({ op: "km.suballoc", name: "exec_map", size: 4096 }).ok).toBe(false);
    expect(sparseSize(d.state.kmem.maps.kernel_map!.entries)).toBe(3);
    expect(d.violations()).toEqual([]);
  });

  it("panics when the parent map has no room, and the machine stays halted", () => {
    const d = new Driver(256);
    const panic = d.run({ op: "km.suballoc", name: "pager_map", size: 4096, fixed: true, min: BASE });
    expect(panic).toMatchObject({
      ok: false,
      code: "PANIC",
      message: "uvm_km_suballoc: unable to allocate space in parent map",
    });
    expect(d.run({ op: "km.valloc", map: "kernel_map", size: 4096 })).toMatchObject({
      ok: false,
      code: "HALTED",
    });
    const big = new Driver(256);
    expect(big.run({ op: "km.suballoc", name: "mb_map", size: 2 ** 32 })).toMatchObject({ code: "PANIC" });
  });
});

describe("uvm_km_kmemalloc", () => {
  it("puts kmem_map pages in kmem_object at offset kva − vm_map_min(kernel_map), wired in the kernel pmap", () => {
    const d = new Driver(256);
    d.run({ op: "km.suballoc", name: "kmem_map", size: 64 * 4096 });
    const kva = kvaOf(d.run({ op: "km.kmemalloc", map: "kmem_map", size: 5000 }));
    expect(kva).toBe(IMAGE_END);
    const pages = d.state.kmem.objects.kmem_object.pages;
    for (const p of [page(kva), page(kva) + 1]) {
      expect(sparseGet(d.state.kmem.pmap, p)).toBe(sparseGet(pages, p)?.pfn);
    }
    expect(d.state.kmem.objects.kmem_object.npages).toBe(2);
    expect(d.state.ram.freePages).toBe(254);
    expect(d.violations()).toEqual([]);
  });

  it("VALLOC returns address space only; TRYLOCK fails on a held map lock; no VA is 0 even for a caller that could wait", () => {
    const d = new Driver(64);
    d.run({ op: "km.suballoc", name: "mb_map", size: 4 * 4096 });
    expect(d.run({ op: "km.kmemalloc", map: "mb_map", size: 8192, flags: ["valloc"] }).ok).toBe(true);
    expect(d.state.ram.freePages).toBe(64);
    const before = d.memoryDigest();
    expect(
      d.run({ op: "km.kmemalloc", map: "mb_map", size: 4096, flags: ["trylock"], mapLocked: true }),
    ).toMatchObject({
      ok: false,
      code: "ENOMEM",
    });
    expect(d.memoryDigest()).toBe(before);
    expect(d.run({ op: "km.kmemalloc", map: "mb_map", size: 4096, mapLocked: true }).ok).toBe(true);
    expect(d.run({ op: "km.kmemalloc", map: "mb_map", size: 8192 })).toMatchObject({
      ok: false,
      code: "ENOMEM",
    });
    expect(d.state.kmem.counters.sleeps).toBe(0);
  });

  it("takes kernel-object pages down to the page daemon's reserve of 1, then sleeps in uvm_wait", () => {
    const d = new Driver(16);
    const outcome = d.run({ op: "km.kmemalloc", map: "kernel_map", size: 16 * 4096 });
    expect(outcome).toEqual({ ok: true, value: { blocked: 1 } });
    expect(d.state.ram.freePages).toBe(1);
    expect(d.state.pdaemon.wanted).toBe(true);
    expect(d.violations()).toEqual([]);
  });
});

describe("uvm_km_alloc1", () => {
  it("always waits once it has VA, and completes when the daemon's wakeup finds pages", () => {
    const d = new Driver(32);
    const user = d.run({ op: "ram.alloc", pages: 24 });
    expect(d.run({ op: "km.alloc1", map: "kernel_map", size: 10 * 4096, zero: true })).toEqual({
      ok: true,
      value: { blocked: 1 },
    });
    expect(d.run({ op: "pdaemon.run" }).effects).toContainEqual(
      expect.objectContaining({ kind: "reclaimed", freed: 0 }),
    );
    expect(d.state.kmem.sleepers).not.toEqual({});
    d.run({ op: "ram.free", pfn: (user.value as { pfn: number }).pfn, pages: 24 });
    const tick = d.run({ op: "tick" });
    expect(tick.effects).toContainEqual({
      kind: "woken",
      sleeper: 1,
      op: "km.alloc1",
      value: { kva: IMAGE_END },
    });
    expect(d.state.kmem.objects.kernel_object.npages).toBe(10);
    expect(d.violations()).toEqual([]);
  });

  it("answers 0 without waiting when there is no address space", () => {
    const d = new Driver(32);
    d.run({ op: "km.suballoc", name: "exec_map", size: 2 * 4096 });
    expect(d.run({ op: "km.alloc1", map: "exec_map", size: 3 * 4096 })).toMatchObject({
      ok: false,
      code: "ENOMEM",
    });
  });
});

describe("uvm_km_free and pool pages", () => {
  it("unmaps whole pages around the range, clipping the entries it cuts and freeing their pages", () => {
    const d = new Driver(64);
    const kva = kvaOf(d.run({ op: "km.alloc1", map: "kernel_map", size: 3 * 4096 }));
    const out = d.run({ op: "km.free", map: "kernel_map", addr: kva + 4096 + 10, size: 100 });
    expect(out.effects).toEqual([
      { kind: "unmapped", map: "kernel_map", from: kva + 4096, to: kva + 8192, pagesFreed: 1 },
    ]);
    expect(sparseSize(d.state.kmem.maps.kernel_map!.entries)).toBe(3);
    expect(d.state.ram.freePages).toBe(62);
    expect(d.violations()).toEqual([]);
  });

  it("pool pages are one-page NOWAIT kmem allocations and come back with the pool page free", () => {
    const d = new Driver(64);
    d.run({ op: "km.suballoc", name: "kmem_map", size: 8 * 4096 });
    const kva = kvaOf(d.run({ op: "km.poolpageAlloc", map: "kmem_map" }));
    expect(d.state.kmem.objects.kmem_object.npages).toBe(1);
    expect(d.run({ op: "km.poolpageFree", map: "kmem_map", addr: kva }).ok).toBe(true);
    expect(d.state.kmem.objects.kmem_object.npages).toBe(0);
    expect(d.state.ram.freePages).toBe(64);
  });

  it("2012: wired pages have no object, and an unaligned uvm_km_free is a KASSERT panic", () => {
    const d = new Driver(64, { revisions: { kmem: "2012" } });
    const kva = kvaOf(d.run({ op: "km.alloc1", map: "kernel_map", size: 2 * 4096 }));
    expect(d.state.kmem.objects.kernel_object.npages).toBe(0);
    expect(sparseSize(d.state.kmem.pmap)).toBe(2);
    expect(d.run({ op: "km.free", map: "kernel_map", addr: kva + 1, size: 4096 })).toMatchObject({
      code: "PANIC",
    });
  });

  it("answers EINVAL for an unknown map or a zero size", () => {
    const d = new Driver(64);
    expect(d.run({ op: "km.valloc", map: "constructor", size: 4096 })).toMatchObject({ code: "EINVAL" });
    expect(d.run({ op: "km.alloc1", map: "kernel_map", size: 0 })).toMatchObject({ code: "EINVAL" });
  });
});
