/**
 * as_switch with asid.c: ASIDs from the FIFO while some are free (ASIDS_ALLOCABLE = 2 with arm32's
 * ASID_MAX 3), then stolen from the address space inactive the longest; the kernel address space
 * keeps ASID_KERNEL and never joins the inactive list; cpu_refcount counts CPUs.
 */
import { describe, expect, it } from "vitest";
import { kernelMachine, type AddrspaceView, type KernelState } from "../../src/index.js";
import { bootAs, codeOf, runAll } from "./helpers.js";

const view = (state: KernelState): AddrspaceView =>
  (kernelMachine.view(state) as { addrspace: AddrspaceView }).addrspace;
const asidOf = (state: KernelState, as: number): number => view(state).spaces[String(as)]!.asid;

describe.each(["2006", "fixed"] as const)("as_switch and ASIDs, revision %s", (rev) => {
  it("assigns free ASIDs, then steals from the first inactive address space", () => {
    const state = bootAs(rev);
    runAll(
      state,
      [1, 2, 3].map((as) => ({ op: "as.create", as })),
    );
    const [a, b, c, again] = runAll(state, [
      { op: "as.switch", as: 1 },
      { op: "as.switch", as: 2 },
      { op: "as.switch", as: 3 },
      { op: "as.switch", as: 1 },
    ]);
    expect(a).toEqual({ ok: true, value: { asid: 2 }, effects: [{ kind: "asid.assign", as: 1, asid: 2 }] });
    expect(b).toEqual({ ok: true, value: { asid: 3 }, effects: [{ kind: "asid.assign", as: 2, asid: 3 }] });
    expect(c).toEqual({
      ok: true,
      value: { asid: 2 },
      effects: [{ kind: "asid.steal", as: 3, from: 1, asid: 2 }],
    });
    expect(again).toEqual({
      ok: true,
      value: { asid: 3 },
      effects: [{ kind: "asid.steal", as: 1, from: 2, asid: 3 }],
    });
    expect(view(state)).toMatchObject({
      asidsAllocated: 2,
      freeAsids: [],
      inactive: [{ as: 3, asid: 2 }],
      cpus: [1, -1, -1, -1],
    });
    expect(asidOf(state, 2)).toBe(1); // ASID_INVALID
  });

  it("takes an inactive address space off the list when it runs again, keeping its ASID", () => {
    const state = bootAs(rev);
    runAll(
      state,
      [1, 2].map((as) => ({ op: "as.create", as })),
    );
    runAll(state, [
      { op: "as.switch", as: 1 },
      { op: "as.switch", as: 2 },
    ]);
    expect(view(state).inactive).toEqual([{ as: 1, asid: 2 }]);
    expect(runAll(state, [{ op: "as.switch", as: 1 }])).toEqual([{ ok: true, value: { asid: 2 } }]);
    expect(view(state).inactive).toEqual([{ as: 2, asid: 3 }]);
  });

  it("keeps ASID_KERNEL for the kernel address space, which never joins the inactive list", () => {
    const state = bootAs(rev);
    const codes = runAll(state, [
      { op: "as.create", as: 0, kernel: true },
      { op: "as.create", as: 5, kernel: true },
      { op: "as.create", as: 1 },
      { op: "as.switch", as: 0 },
      { op: "as.switch", as: 1 },
      { op: "as.switch", as: 0 },
    ]).map(codeOf);
    expect(codes).toEqual(["ok", "EEXIST", "ok", "ok", "ok", "ok"]);
    expect(asidOf(state, 0)).toBe(0);
    expect(view(state)).toMatchObject({ kernelAs: 0, inactive: [{ as: 1, asid: 2 }] });
  });

  it("counts the CPUs an address space runs on", () => {
    const state = bootAs(rev);
    runAll(
      state,
      [1, 2].map((as) => ({ op: "as.create", as })),
    );
    runAll(state, [
      { op: "as.switch", as: 1, cpu: 0 },
      { op: "as.switch", as: 1, cpu: 1 },
      { op: "as.switch", as: 2, cpu: 0 },
    ]);
    expect(view(state).spaces["1"]!.cpuRefcount).toBe(1);
    expect(view(state).inactive).toEqual([]);
    runAll(state, [{ op: "as.switch", as: 2, cpu: 1 }]);
    expect(view(state).spaces["2"]!.cpuRefcount).toBe(2);
    expect(view(state).inactive).toEqual([{ as: 1, asid: 2 }]);
  });

  it("panics when more CPUs run distinct address spaces than there are ASIDs (asid.c's assumption)", () => {
    const state = bootAs(rev);
    runAll(
      state,
      [1, 2, 3].map((as) => ({ op: "as.create", as })),
    );
    const codes = runAll(
      state,
      [1, 2, 3].map((as) => ({ op: "as.switch", as, cpu: as })),
    ).map(codeOf);
    expect(codes).toEqual(["ok", "ok", "PANIC"]);
    expect(state.panic).toBe("assertion failed (!list_empty(&inactive_as_with_asid_head))");
  });

  it("answers ENOENT for an unknown address space, and a CPU beyond the machine is malformed", () => {
    const state = bootAs(rev);
    expect(runAll(state, [{ op: "as.switch", as: 7 }]).map(codeOf)).toEqual(["ENOENT"]);
    expect(kernelMachine.validate({ op: "as.switch", as: 7, cpu: 4 })).toEqual({
      ok: false,
      path: "cpu",
      message: "must be an integer from 0 to 3",
    });
  });
});

describe("as.destroy and ASIDs", () => {
  it('revision "fixed" returns the ASID to the FIFO (as_destroy); 2006 keeps it on a freed entry', () => {
    for (const rev of ["2006", "fixed"] as const) {
      const state = bootAs(rev);
      runAll(state, [
        { op: "as.create", as: 1 },
        { op: "as.create", as: 2 },
        { op: "as.switch", as: 1 },
        { op: "as.switch", as: 2 },
        { op: "as.destroy", as: 1 },
      ]);
      const v = view(state);
      if (rev === "fixed") expect(v).toMatchObject({ asidsAllocated: 1, freeAsids: [2], inactive: [] });
      else expect(v).toMatchObject({ asidsAllocated: 2, freeAsids: [], inactive: [{ as: -1, asid: 2 }] });
    }
  });

  it("refuses to destroy an address space a CPU runs (ASSERT), and unknown ones (ENOENT)", () => {
    for (const rev of ["2006", "fixed"] as const) {
      const state = bootAs(rev);
      expect(runAll(state, [{ op: "as.destroy", as: 1 }]).map(codeOf)).toEqual(["ENOENT"]);
      runAll(state, [
        { op: "as.create", as: 1 },
        { op: "as.switch", as: 1 },
      ]);
      expect(runAll(state, [{ op: "as.destroy", as: 1 }]).map(codeOf)).toEqual(["PANIC"]);
      expect(state.panic).toBe(
        rev === "fixed" ? "assertion failed (as->refcount == 0)" : "assertion failed (as->cpu_refcount == 0)",
      );
    }
  });
});
