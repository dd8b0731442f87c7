/** as_set_mapping (as.map), the page-table lookup (as.lookup), as_create and running out of frames. */
import { checkInvariants } from "@pagefold/engine";
import { describe, expect, it } from "vitest";
import { kernelMachine } from "../../src/index.js";
import { bootAs, codeOf, PAGE, runAll } from "./helpers.js";

const setup = [
  { op: "as.create", as: 1 },
  { op: "area.create", as: 1, base: 0x10000, size: 4 * PAGE, flags: ["read", "write"], backend: "none" },
  { op: "area.create", as: 1, base: 0x20000, size: 4 * PAGE, flags: ["read", "write"] },
];

describe.each(["2006", "fixed"] as const)("as_set_mapping, revision %s", (rev) => {
  it("maps a frame the caller owns into an area without a backend and marks the page used", () => {
    const state = bootAs(rev);
    runAll(state, setup);
    const [alloc] = runAll(state, [{ op: "ram.alloc", pages: 1 }]);
    const pfn = (alloc as { value: { pfn: number } }).value.pfn;
    const codes = runAll(state, [
      { op: "as.map", as: 1, page: 0x11000, pfn },
      { op: "as.lookup", as: 1, addr: 0x11abc },
      { op: "as.fault", as: 1, addr: 0x11000, access: "read" },
      { op: "area.destroy", as: 1, addr: 0x10000 },
    ]);
    expect(codes.map(codeOf)).toEqual(["ok", "ok", "AS_PF_FAULT", "ok"]);
    expect(codes[1]).toEqual({ ok: true, value: { pfn } });
    // No backend, no frame_free: the frame is still the caller's.
    expect(runAll(state, [{ op: "ram.free", pfn, pages: 1 }]).map(codeOf)).toEqual(["ok"]);
    expect(checkInvariants(kernelMachine, state)).toEqual([]);
  });

  it.each([
    ["outside every area", { op: "as.map", as: 1, page: 0x30000, pfn: 3 }, "Page not part of any as_area."],
    [
      "into an anonymous area",
      { op: "as.map", as: 1, page: 0x20000, pfn: 3 },
      "assertion failed (!area->backend)",
    ],
    [
      "at an unaligned page",
      { op: "as.map", as: 1, page: 0x10010, pfn: 3 },
      "assertion failed (page == ALIGN_DOWN(page, PAGE_SIZE))",
    ],
  ])("panics mapping %s", (_what, event, message) => {
    const state = bootAs(rev);
    runAll(state, setup);
    expect(runAll(state, [event]).map(codeOf)).toEqual(["PANIC"]);
    expect(state.panic).toBe(message);
  });

  it("panics mapping a page that is already used", () => {
    const state = bootAs(rev);
    runAll(state, setup);
    const codes = runAll(state, [
      { op: "as.map", as: 1, page: 0x10000, pfn: 3 },
      { op: "as.map", as: 1, page: 0x10000, pfn: 4 },
    ]);
    expect(codes.map(codeOf)).toEqual(["ok", "PANIC"]);
    expect(state.panic).toBe("Could not insert used space.");
  });
});

describe("address spaces and frames", () => {
  it("as.create answers EEXIST for a taken id; every op on an unknown address space ENOENT", () => {
    const state = bootAs("fixed");
    const codes = runAll(state, [
      { op: "as.create", as: 1 },
      { op: "as.create", as: 1 },
      { op: "area.create", as: 2, base: 0x10000, size: PAGE, flags: [] },
      { op: "area.destroy", as: 2, addr: 0x10000 },
      { op: "as.fault", as: 2, addr: 0x10000, access: "read" },
      { op: "as.lookup", as: 2, addr: 0x10000 },
      { op: "as.map", as: 2, page: 0x10000, pfn: 0 },
    ]).map(codeOf);
    expect(codes).toEqual(["ok", "EEXIST", "ENOENT", "ENOENT", "ENOENT", "ENOENT", "ENOENT"]);
  });

  it('panics "Sleep not implemented." when a fault finds no free frame (frame_alloc without FRAME_ATOMIC)', () => {
    for (const rev of ["2006", "fixed"] as const) {
      const state = bootAs(rev, 16);
      runAll(state, [
        { op: "as.create", as: 1 },
        { op: "area.create", as: 1, base: 0x10000, size: 32 * PAGE, flags: ["read", "write"] },
      ]);
      const codes = runAll(
        state,
        Array.from({ length: 17 }, (_, i) => ({
          op: "as.fault",
          as: 1,
          addr: 0x10000 + i * PAGE,
          access: "write",
        })),
      ).map(codeOf);
      expect(codes).toEqual([...Array<string>(16).fill("AS_PF_OK"), "PANIC"]);
      expect(state.panic).toBe("Sleep not implemented.");
    }
  });
});
