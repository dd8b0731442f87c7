/** StealPage / StealPageTableInfo / MovePage / PinPageTable (mptalloc.cpp "Paged page table handling"). */
import { describe, expect, it } from "vitest";
import { sparseGet } from "../../src/pagetables/sparse.js";
import { codeOf, run } from "../helpers.js";
import { kinds, PagingMachine } from "./machine.js";

const PT_PAGE = 32511; // the first paged page of tables (ARM)

describe("pt.steal (PageTableAllocator::StealPage)", () => {
  it("force-frees every table of the page and answers KErrCompletion; the frame becomes a free page", () => {
    const m = new PagingMachine();
    const a = m.pt(true);
    const b = m.pt(true);
    m.ok({ op: "page.access", page: 1, pt: a });
    m.ok({ op: "page.access", page: 2, pt: b });
    const pfn = sparseGet(m.state.pagetables.ptPages, PT_PAGE)!;
    expect(sparseGet(m.state.pager.frames, pfn)?.state, "young after the page-ins through it").toBe(1);
    const outcome = m.run({ op: "pt.steal", ptPage: PT_PAGE });
    expect(outcome).toMatchObject({ ok: false, code: "KErrCompletion" });
    expect(kinds(outcome)).toEqual([
      "pt-forced-free",
      "pt-forced-free",
      "pt-page-to-cleanup",
      "cleanup-queued",
      "pt-page-freed",
    ]);
    // its frame and, the group now empty, the info page's frame are free pages of the live list
    expect(outcome.effects).toContainEqual({
      kind: "pt-page-freed",
      ptPage: PT_PAGE,
      paged: true,
      infoPageFreed: 507,
    });
    expect(sparseGet(m.state.pager.frames, pfn)).toMatchObject({ use: 0, state: 5 });
    expect(m.state.pagetables.inUse).toBe(1);
    // the pages stay resident but unmapped: the next touch maps them through a new table
    expect(m.ok({ op: "page.access", page: 1, pt: m.pt(true) })).toMatchObject({ kind: "remap" });
  });

  it("answers KErrInUse for a pinned page and KErrArgument for an unpaged or absent one", () => {
    const m = new PagingMachine();
    const pt = m.pt(true);
    m.ok({ op: "pt.pin", pt });
    expect(codeOf(m.run({ op: "pt.steal", ptPage: PT_PAGE }))).toBe("KErrInUse");
    expect(codeOf(m.run({ op: "pt.steal", ptPage: 0 }))).toBe("KErrArgument");
    expect(codeOf(m.run({ op: "pt.steal", ptPage: 5 }))).toBe("KErrArgument");
  });

  it("steals a group's info page by freeing every cluster it describes", () => {
    const m = new PagingMachine();
    for (let i = 0; i < 9; i++) m.pt(true); // three pages of paged tables in group 507
    const outcome = m.run({ op: "pt.steal", ptPage: 507, info: true });
    expect(outcome).toMatchObject({ ok: false, code: "KErrCompletion" });
    expect(kinds(outcome).filter((k) => k === "pt-page-freed")).toHaveLength(3);
    expect(sparseGet(m.state.pagetables.infoPages, 507)).toBeUndefined();
    expect(m.state.pagetables.paged.freeCount).toBe(0);
  });
});

describe("pt.move (PageTableAllocator::MovePage)", () => {
  it("never moves unpaged pages, refuses pinned ones, discards paged ones to RAM", () => {
    const m = new PagingMachine();
    const pt = m.pt(true);
    expect(codeOf(m.run({ op: "pt.move", ptPage: 0 }))).toBe("KErrNotSupported");
    m.ok({ op: "pt.pin", pt });
    expect(codeOf(m.run({ op: "pt.move", ptPage: PT_PAGE }))).toBe("KErrInUse");
    m.ok({ op: "pt.unpin", pt });
    const frames = m.state.pager.frames.size;
    const outcome = m.run({ op: "pt.move", ptPage: PT_PAGE });
    expect(outcome.ok).toBe(true);
    expect(kinds(outcome)).toContain("discarded");
    expect(m.state.pager.frames.size, "the discarded frame went back to RAM").toBe(frames - 1);
    expect(sparseGet(m.state.pagetables.ptPages, PT_PAGE)).toBeUndefined();
  });

  it("2009 tests a page-table page with the info-page formula: a high unpaged page is taken for paged", () => {
    const tables = 4 * 600; // 600 unpaged pages: page 599 ≥ UWM / 64
    for (const revision of ["2009", "2010"] as const) {
      const m = new PagingMachine({ ramPages: 8192, revisions: { pagetables: revision } });
      for (let i = 0; i < tables; i++) run(m.state, { op: "pt.alloc", paged: false });
      const outcome = m.run({ op: "pt.move", ptPage: 599 });
      expect(codeOf(outcome)).toBe(revision === "2009" ? "PANIC" : "KErrNotSupported");
    }
  });
});

describe("pt.pin / pt.unpin (PinPageTable / UnpinPageTable)", () => {
  it("pins the PT page and its info page with two replacement pages, given back on unpin", () => {
    const m = new PagingMachine({ revisions: { pagetables: "2010" } });
    const pt = m.pt(true);
    const other = m.pt(true); // same page of tables
    const freeRam = m.freeRam;
    m.ok({ op: "pt.pin", pt });
    expect(m.freeRam).toBe(freeRam - 2);
    expect(m.state.pagetables.pinnedPtPages).toBe(1);
    m.ok({ op: "pt.pin", pt: other }); // page already pinned: counted once, replacements unused
    expect(m.state.pagetables.pinnedPtPages).toBe(1);
    expect(m.freeRam).toBe(freeRam - 2);
    expect(codeOf(m.run({ op: "pt.free", pt }))).toBe("KErrInUse");
    m.ok({ op: "pt.unpin", pt: other });
    m.ok({ op: "pt.unpin", pt });
    expect(m.state.pagetables.pinnedPtPages).toBe(0);
    expect(m.freeRam).toBe(freeRam);
    expect(codeOf(m.run({ op: "pt.unpin", pt }))).toBe("KErrArgument");
    expect(codeOf(m.run({ op: "pt.pin", pt: m.pt(false) }))).toBe("KErrArgument");
  });

  it("2010 refuses to pin past AtPinnedPagedPtsLimit", () => {
    const m = new PagingMachine({ revisions: { pagetables: "2010" } });
    const pt = m.pt(true);
    const pts = m.state.pagetables;
    pts.lowerWaterMark = (pts.upperWaterMark & ~63) - 1; // the regions meet
    pts.pinnedPtPages = 64 - 8; // one more would leave 7 unpinned
    expect(codeOf(run(m.state, { op: "pt.pin", pt }))).toBe("KErrNoMemory"); // crafted counts: no invariants
  });
});
