/** mptalloc.cpp PageTableAllocator: boot, allocation order, the free list, cleanup. */
import { describe, expect, it } from "vitest";
import { frameOwner, ramCounters } from "../../src/index.js";
import { sparseGet } from "../../src/pagetables/sparse.js";
import { codeOf } from "../helpers.js";
import { kinds, PagingMachine } from "./machine.js";

describe("Init2 (the first paging event boots the allocator)", () => {
  it("adopts the bootstrap's page: table 0 permanent, its 3 neighbours free, LWM 0", () => {
    const m = new PagingMachine({ pager: { minPages: 32, maxPages: 64 } });
    expect(m.state.pagetables.booted).toBe(false);
    const before = m.state.ram.freePages;
    m.run({ op: "pt.cleanup" });
    const pts = m.state.pagetables;
    expect(pts).toMatchObject({ booted: true, lowerWaterMark: 0, upperWaterMark: 32512, inUse: 1 });
    expect(sparseGet(pts.infos, 0)).toMatchObject({ used: true, permanence: 1, paged: false });
    expect(m.freeList(false)).toEqual([1, 2, 3]);
    expect(pts.unpaged.freeCount).toBe(3);
    expect(before - m.state.ram.freePages, "PT page, its info page and the cache's 32 pages").toBe(2 + 32);
    expect(frameOwner(m.state.ram, sparseGet(pts.ptPages, 0)!)).toMatchObject({
      owner: "pagetables",
      tag: 0,
    });
  });

  it("2010 reserves KMinUnpinnedPagedPtPages at the top: UWM = 32512 - 8; x86 has 1 table a page", () => {
    const m = new PagingMachine({ revisions: { pagetables: "2010" } });
    m.run({ op: "pt.cleanup" });
    expect(m.state.pagetables.upperWaterMark).toBe(32504);
    const x86 = new PagingMachine({ arch: "x86" });
    x86.run({ op: "pt.cleanup" });
    expect(x86.state.pagetables.upperWaterMark).toBe(27648);
    expect(x86.freeList(false)).toEqual([]);
    expect(x86.pt(false)).toBe(1);
  });
});

describe("PageTableAllocator::Alloc", () => {
  it("takes unpaged tables from the bottom, whole pages from the cleanup list", () => {
    const m = new PagingMachine();
    expect([m.pt(false), m.pt(false), m.pt(false)]).toEqual([1, 2, 3]);
    const outcome = m.run({ op: "pt.alloc", paged: false });
    expect(outcome).toMatchObject({ ok: true, value: { pt: 4 } });
    expect(outcome.effects).toEqual([{ kind: "pt-page-allocated", ptPage: 1, paged: false }]);
    expect(m.freeList(false)).toEqual([5, 6, 7]);
    expect(m.state.pagetables.lowerWaterMark).toBe(1);
  });

  it("takes paged tables from the top, with a pager frame and a new group's info page", () => {
    const m = new PagingMachine();
    const outcome = m.run({ op: "pt.alloc", paged: true });
    expect(outcome).toMatchObject({ ok: true, value: { pt: 130044 } });
    expect(outcome.effects).toEqual([
      { kind: "pt-page-allocated", ptPage: 32511, paged: true, infoPage: 507 },
    ]);
    const pfn = sparseGet(m.state.pagetables.ptPages, 32511)!;
    expect(frameOwner(m.state.ram, pfn)?.owner).toBe("pager");
    expect(sparseGet(m.state.pager.frames, pfn)).toMatchObject({ use: 2, owner: 32511, state: 0 });
    expect(m.state.pagetables.upperWaterMark).toBe(32511);
  });
});

describe("TSubAllocator::Free", () => {
  it("keeps each page's free tables contiguous and in address order", () => {
    const m = new PagingMachine();
    for (let i = 0; i < 8; i++) m.pt(false); // tables 1..8: pages 0, 1 and the first of page 2
    expect(m.freeList(false)).toEqual([9, 10, 11]);
    m.run({ op: "pt.free", pt: 6 }); // no free neighbour in its page: list head
    expect(m.freeList(false)).toEqual([6, 9, 10, 11]);
    m.run({ op: "pt.free", pt: 4 }); // before the next free table of its page
    expect(m.freeList(false)).toEqual([4, 6, 9, 10, 11]);
    m.run({ op: "pt.free", pt: 7 }); // after the previous free table of its page
    expect(m.freeList(false)).toEqual([4, 6, 7, 9, 10, 11]);
    expect(m.pt(false)).toBe(4); // Alloc takes the head
  });

  it("moves a page whose tables are all free to the cleanup list; the queued Cleanup frees it on tick", () => {
    const m = new PagingMachine();
    for (let i = 0; i < 8; i++) m.pt(false);
    m.run({ op: "pt.free", pt: 4 });
    m.run({ op: "pt.free", pt: 5 });
    m.run({ op: "pt.free", pt: 6 });
    const last = m.run({ op: "pt.free", pt: 7 });
    expect(kinds(last)).toEqual(["pt-page-to-cleanup", "cleanup-queued"]);
    expect(m.freeList(false)).toEqual([9, 10, 11]);
    expect(m.state.pagetables.unpaged).toMatchObject({ cleanupPages: 1, freeCount: 7 });
    const free = ramCounters(m.state.ram).freePages;
    const tick = m.run({ op: "tick" });
    expect(tick.effects).toEqual([{ kind: "pt-page-freed", ptPage: 1, paged: false }]);
    expect(ramCounters(m.state.ram).freePages).toBe(free + 1);
    expect(m.state.pagetables).toMatchObject({ cleanupQueued: false, lowerWaterMark: 2 }); // never lowered
    expect(sparseGet(m.state.pagetables.ptPages, 1)).toBeUndefined();
  });

  it("reuses a cleanup page before committing a new one", () => {
    const m = new PagingMachine();
    for (let i = 0; i < 7; i++) m.pt(false); // 1..7: pages 0 and 1 full
    for (const pt of [4, 5, 6, 7]) m.run({ op: "pt.free", pt });
    expect(m.state.pagetables.unpaged.cleanupPages).toBe(1);
    const outcome = m.run({ op: "pt.alloc", paged: false });
    expect(outcome).toMatchObject({ ok: true, value: { pt: 4 } });
    expect(outcome.effects).toBeUndefined();
  });

  it("refuses tables that are not allocated, and panics on the bootstrap's permanent one", () => {
    const m = new PagingMachine();
    expect(codeOf(m.run({ op: "pt.free", pt: 2 }))).toBe("KErrArgument");
    expect(codeOf(m.run({ op: "pt.free", pt: 999_999 }))).toBe("KErrArgument");
    expect(m.run({ op: "pt.free", pt: 0 })).toMatchObject({ ok: false, code: "PANIC" });
    expect(codeOf(m.run({ op: "pt.alloc", paged: false }))).toBe("HALTED");
  });

  it("clears a table's PTEs when it is freed while it maps pages", () => {
    const m = new PagingMachine();
    const pt = m.pt(true);
    m.ok({ op: "page.access", page: 5, pt });
    m.ok({ op: "page.access", page: 6, pt });
    expect(m.run({ op: "pt.free", pt }).effects).toContainEqual({ kind: "unmapped", pt, pages: 2 });
    const again = m.pt(true);
    expect(m.ok({ op: "page.access", page: 5, pt: again })).toMatchObject({ kind: "remap" });
  });
});
