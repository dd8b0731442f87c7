import { describe, expect, it } from "vitest";
import { Driver } from "./driver.js";

const EXEC = 0xf0400000;
const kvaOf = (outcome: { value?: unknown }) => (outcome.value as { kva: number }).kva;

/** exec_map of 16 pages holding A (10 pages) and C (4 pages): 2 pages left. */
function fullExecMap(kmem: "1998" | "2012") {
  const d = new Driver(64, { revisions: { kmem } });
  d.run({ op: "km.suballoc", name: "exec_map", size: 16 * 4096, pageable: true });
  const a = kvaOf(d.run({ op: "km.valloc", map: "exec_map", size: 10 * 4096 }));
  const c = kvaOf(d.run({ op: "km.valloc", map: "exec_map", size: 4 * 4096 }));
  return { d, a, c };
}

describe("uvm_km_valloc_wait (UVM-KM-2)", () => {
  it("1998: sleeps on the map; a plain uvm_km_free does not wake it, uvm_km_free_wakeup does", () => {
    const { d, a, c } = fullExecMap("1998");
    expect(d.run({ op: "km.vallocWait", map: "exec_map", size: 8 * 4096 })).toEqual({
      ok: true,
      value: { blocked: 1 },
    });
    expect(d.run({ op: "km.free", map: "exec_map", addr: c, size: 4 * 4096 }).effects).toHaveLength(1);
    expect(d.run({ op: "tick", n: 500 }).effects).toBeUndefined();
    expect(d.kmemView().sleepers).toEqual({ page: 0, va: 1 });
    const wakeup = d.run({ op: "km.freeWakeup", map: "exec_map", addr: a, size: 10 * 4096 });
    expect(wakeup.effects?.[1]).toEqual({
      kind: "woken",
      sleeper: 1,
      op: "km.vallocWait",
      value: { kva: EXEC },
    });
    expect(d.kmemView().sleepers).toEqual({ page: 0, va: 0 });
    expect(d.violations()).toEqual([]);
  });

  it("1998: returns 0 at once, without sleeping, when the request is larger than the map", () => {
    const { d } = fullExecMap("1998");
    expect(d.run({ op: "km.vallocWait", map: "exec_map", size: 17 * 4096 })).toMatchObject({
      ok: false,
      code: "ENOMEM",
    });
    expect(d.state.kmem.counters.sleeps).toBe(0);
  });

  it("1998: every sleeper on the map retries in turn; one that still does not fit sleeps on", () => {
    const { d, a } = fullExecMap("1998");
    d.run({ op: "km.vallocWait", map: "exec_map", size: 12 * 4096 });
    d.run({ op: "km.vallocWait", map: "exec_map", size: 6 * 4096 });
    const woken = d.run({ op: "km.freeWakeup", map: "exec_map", addr: a, size: 10 * 4096 }).effects?.slice(1);
    expect(woken).toEqual([{ kind: "woken", sleeper: 2, op: "km.vallocWait", value: { kva: EXEC } }]);
    expect(d.kmemView().sleepers).toEqual({ page: 0, va: 1 });
  });

  it("2012 (UVM_KMF_WAITVA): any unmap of the map wakes it, and a request larger than the map sleeps for ever", () => {
    const { d, c } = fullExecMap("2012");
    expect(d.run({ op: "km.vallocWait", map: "exec_map", size: 17 * 4096 }).value).toEqual({ blocked: 1 });
    expect(d.run({ op: "km.vallocWait", map: "exec_map", size: 4 * 4096 }).value).toEqual({ blocked: 2 });
    const free = d.run({ op: "km.free", map: "exec_map", addr: c, size: 4 * 4096 });
    expect(free.effects?.[1]).toEqual({ kind: "woken", sleeper: 2, op: "km.vallocWait", value: { kva: c } });
    expect(d.run({ op: "tick", n: 10_000 }).effects).toBeUndefined();
    expect(d.kmemView().sleepers).toEqual({ page: 0, va: 1 });
  });
});
