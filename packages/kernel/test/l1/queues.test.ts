import { describe, expect, it } from "vitest";
import { sparseGet } from "../../src/sparse-table.js";
import { Driver } from "../kmem/driver.js";

const fromOf = (d: Driver, pmap: number) =>
  (d.run({ op: "pmap.create", pmap }).value as { from: string }).from;

describe("pmap_postinit, pmap_allocpagedir and pmap_freepagedir (pmap.c r1.18)", () => {
  it("the first pmap_create allocates max_processes = 64 static, clean L1s, each 16 KiB aligned with its own kva", () => {
    const d = new Driver(1024);
    const first = d.run({ op: "pmap.create", pmap: 0 });
    expect(first).toEqual({
      ok: true,
      value: { l1: 0, from: "static" },
      effects: [{ kind: "pmap_postinit", staticL1s: 64 }],
    });
    expect(d.l1View()).toMatchObject({ tables: 64, staticQueue: 63, pmaps: 1, freePages: 1024 - 256 });
    expect(d.kmemView().maps.kernel_map!.entries).toBe(65);
    expect(d.violations()).toEqual([]);
  });

  it("S-L1-2: of 10 destroyed non-static L1s, 8 stay on the reuse queue and 2 go back to UVM; creates take static, reuse, fresh", () => {
    const d = new Driver(1024);
    for (let pmap = 0; pmap < 74; pmap++) expect(fromOf(d, pmap)).toBe(pmap < 64 ? "static" : "fresh");
    const freed = [];
    for (let pmap = 64; pmap < 74; pmap++) freed.push(...(d.run({ op: "pmap.destroy", pmap }).effects ?? []));
    expect(freed.filter((e) => e.kind === "l1Queued")).toHaveLength(8);
    expect(freed.filter((e) => e.kind === "l1Freed")).toHaveLength(2);
    expect(d.l1View()).toMatchObject({ reuseQueue: 8, tables: 72, freePages: 1024 - 72 * 4 });
    d.run({ op: "pmap.destroy", pmap: 3 });
    expect(d.run({ op: "pmap.destroy", pmap: 3 })).toMatchObject({ ok: false, code: "ENOENT" });
    const paths = [100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110].map((pmap) => fromOf(d, pmap));
    expect(paths).toEqual(["static", ...Array<string>(8).fill("reuse"), "fresh", "fresh"]);
    expect(d.l1View().counters).toMatchObject({
      static: 65,
      reuse: 8,
      fresh: 12,
      freed: 2,
      staticCreated: 64,
    });
    const reused = sparseGet(d.state.l1.tables, sparseGet(d.state.l1.pmaps, 101)!)!;
    expect([reused.static, reused.clean, reused.kpt]).toEqual([false, false, true]);
    expect(d.violations()).toEqual([]);
  });

  it("answers EEXIST for a pmap that exists or is still being created, ENOENT for destroying one still asleep", () => {
    const d = new Driver(1024);
    d.run({ op: "pmap.create", pmap: 5 });
    expect(d.run({ op: "pmap.create", pmap: 5 })).toMatchObject({ ok: false, code: "EEXIST" });
    for (let pmap = 6; pmap < 69; pmap++) d.run({ op: "pmap.create", pmap });
    d.run({ op: "ram.alloc", pages: 1024 - 256 - 6 * 4 });
    for (let pmap = 69; pmap < 74; pmap++) expect(fromOf(d, pmap)).toBe("fresh"); // down to reserve_pagedaemon + reserve_kernel
    expect(d.run({ op: "pmap.create", pmap: 99 }).value).toEqual({ blocked: 1 });
    expect(d.run({ op: "pmap.create", pmap: 99 })).toMatchObject({ code: "EEXIST" });
    expect(d.run({ op: "pmap.destroy", pmap: 99 })).toMatchObject({
      code: "ENOENT",
      message: "pmap 99: its pmap_create is asleep (sleeper 1)",
    });
  });

  it("panics at pmap_postinit when RAM cannot hold the static L1s", () => {
    const d = new Driver(256);
    expect(d.run({ op: "pmap.create", pmap: 0 })).toMatchObject({
      ok: false,
      code: "PANIC",
      message: "Cannot allocate static L1 page tables",
    });
    expect(d.run({ op: "tick" })).toMatchObject({ code: "HALTED" });
  });
});
