/** StealOrAllocPage's order, PageFreed, page.steal and the RAM allocator's reclaim (mpager.cpp). */
import { describe, expect, it } from "vitest";
import { pagerReclaimer } from "../../src/pager/reclaim.js";
import { codeOf } from "../helpers.js";
import { kinds, PagingMachine } from "../pagetables/machine.js";

describe("StealOrAllocPage", () => {
  it("uses free pages first, then grows from RAM up to the maximum, then steals the oldest", () => {
    const m = new PagingMachine({ pager: { minPages: 16, maxPages: 20 } });
    m.run({ op: "pager.flush" });
    const ram = m.state.ram.freePages;
    for (let page = 0; page < 16; page++) m.ok({ op: "page.access", page });
    expect(m.state.ram.freePages, "the 16 free pages of the cache").toBe(ram);
    for (let page = 16; page < 20; page++) m.ok({ op: "page.access", page });
    expect(m.state.ram.freePages).toBe(ram - 4);
    expect(m.state.pager.numberOfFreePages, "grown pages count as free pages").toBe(4);
    const outcome = m.run({ op: "page.access", page: 20 });
    expect(m.state.ram.freePages, "at the maximum: no more RAM").toBe(ram - 4);
    expect(outcome).toMatchObject({ ok: true, value: { kind: "pagein", stolen: 0 } });
  });

  it("steals the oldest dirty page, then old, then young, once no clean oldest page is left", () => {
    const m = new PagingMachine({ pager: { minPages: 16, maxPages: 16 } });
    for (let page = 0; page < 16; page++) m.ok({ op: "page.access", page, write: true });
    expect(m.state.pager.oldestClean.count).toBe(0);
    const victims = [16, 17, 18].map((page) => m.ok<{ stolen: number }>({ op: "page.access", page }).stolen);
    expect(victims).toEqual([0, 1, 2]); // oldestDirty's tail each time, in age order
  });
});

describe("page.steal", () => {
  it("takes the page StealOrAllocPage would and keeps the frame as a free page", () => {
    const m = new PagingMachine({ pager: { minPages: 16, maxPages: 16 } });
    expect(m.ok({ op: "page.steal" }), "a free page: nothing to evict").not.toHaveProperty("page");
    for (let page = 0; page < 16; page++) m.ok({ op: "page.access", page });
    const stolen = m.ok({ op: "page.steal" });
    expect(stolen).toMatchObject({ page: 0 });
    expect(m.state.pager.oldestClean.tail).toBe(stolen["pfn"]);
    expect(m.ok({ op: "page.access", page: 0 })).toMatchObject({ kind: "pagein" });
  });

  it("answers KErrNotFound when the live list is empty; a page-in then panics as the kernel asserts", () => {
    const m = new PagingMachine({ pager: { minPages: 16, maxPages: 16 } });
    for (let i = 0; i < 60; i++) m.pt(true); // 15 pages of paged tables and their info page: EUnpaged
    expect(codeOf(m.run({ op: "page.steal" }))).toBe("KErrNotFound");
    expect(m.run({ op: "page.access", page: 1 })).toMatchObject({
      code: "PANIC",
      message: "mpager.cpp DPager::StealOrAllocPage: __NK_ASSERT_ALWAYS(!iYoungList.IsEmpty())",
    });
  });
});

describe("page.free (DPager::PageFreed)", () => {
  it("returns the frame to RAM while the cache is above its minimum, else keeps it as a free page", () => {
    const m = new PagingMachine({ pager: { minPages: 16, maxPages: 32 } });
    for (let page = 0; page < 17; page++) m.ok({ op: "page.access", page });
    expect(m.state.pager.numberOfFreePages).toBe(1);
    expect(m.run({ op: "page.free", page: 16 }).effects).toEqual([
      { kind: "freed", page: 16, pfn: expect.any(Number) as number, to: "ram" },
    ]);
    expect(m.run({ op: "page.free", page: 15 }).effects).toEqual([
      { kind: "freed", page: 15, pfn: expect.any(Number) as number, to: "cache" },
    ]);
    expect(codeOf(m.run({ op: "page.free", page: 15 }))).toBe("KErrArgument");
  });
});

describe("reclaiming the cache's free pages for RAM (Mmu::AllocRam → DPager::GetFreePages)", () => {
  it("lets an unpaged page-table page have a free page of the cache when RAM is full", () => {
    const m = new PagingMachine({ ramPages: 256, pager: { minPages: 16, maxPages: 64 } });
    for (let page = 0; page < 20; page++) m.ok({ op: "page.access", page });
    expect(pagerReclaimer.inactive(m.state)).toBe(4);
    m.ok({ op: "ram.alloc", pages: m.state.ram.freePages });
    for (let i = 0; i < 3; i++) m.pt(false); // the bootstrap page's 3 free tables
    const outcome = m.run({ op: "pt.alloc", paged: false });
    expect(outcome.ok).toBe(true);
    expect(kinds(outcome).filter((k) => k !== "aged")).toEqual([
      "steal",
      "returned-to-ram",
      "pt-page-allocated",
    ]);
    expect(pagerReclaimer.inactive(m.state)).toBe(3);
  });

  it("gives the page daemon up to iNumberOfFreePages pages, never below the minimum", () => {
    const m = new PagingMachine({ pager: { minPages: 16, maxPages: 64 } });
    for (let page = 0; page < 20; page++) m.ok({ op: "page.access", page });
    const ram = m.state.ram.freePages;
    expect(pagerReclaimer.reclaim(m.state, 10, [])).toBe(4);
    expect(m.state.ram.freePages).toBe(ram + 4);
    expect(m.state.pager.numberOfFreePages).toBe(0);
  });
});
