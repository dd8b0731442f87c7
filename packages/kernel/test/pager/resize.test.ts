/** DPager::ResizeLiveList, FlushAll and Pin/Unpin with replacement pages. */
import { describe, expect, it } from "vitest";
import { codeOf } from "../helpers.js";
import { PagingMachine } from "../pagetables/machine.js";

describe("pager.resize (DPager::ResizeLiveList)", () => {
  it("checks its arguments: min > max is KErrArgument, 0,0 restores, min rises to the limit, max to min", () => {
    const m = new PagingMachine({ pager: { minPages: 32, maxPages: 64 } });
    expect(codeOf(m.run({ op: "pager.resize", minPages: 50, maxPages: 40 }))).toBe("KErrArgument");
    expect(m.ok({ op: "pager.resize", minPages: 1, maxPages: 5 })).toEqual({
      minPages: 12,
      maxPages: 12,
      currentPages: 12,
    });
    expect(m.ok({ op: "pager.resize", minPages: 7, maxPages: 0 })).toEqual({
      minPages: 32,
      maxPages: 64,
      currentPages: 32,
    });
    expect(m.ok({ op: "pager.resize", minPages: 40, maxPages: 2 ** 32 - 1 })).toMatchObject({
      maxPages: 1_048_575,
    });
  });

  it("moves pages between the minimum and the free pages, shrinks by returning the oldest to RAM", () => {
    const m = new PagingMachine({ pager: { minPages: 32, maxPages: 64 } });
    for (let page = 0; page < 40; page++) m.ok({ op: "page.access", page });
    expect(m.state.pager.numberOfFreePages).toBe(8);
    m.ok({ op: "pager.resize", minPages: 20, maxPages: 64 });
    expect(m.state.pager).toMatchObject({ minimumPageCount: 20, numberOfFreePages: 20 });
    const ram = m.state.ram.freePages;
    m.ok({ op: "pager.resize", minPages: 20, maxPages: 30 });
    expect(m.state.pager).toMatchObject({ maximumPageCount: 30, numberOfFreePages: 10 });
    expect(m.state.ram.freePages).toBe(ram + 10);
    m.ok({ op: "pager.resize", minPages: 30, maxPages: 30 });
    expect(m.state.pager).toMatchObject({ minimumPageCount: 30, numberOfFreePages: 0 });
  });

  it("answers KErrNoMemory when RAM cannot grow the cache, keeping what it reached", () => {
    const m = new PagingMachine({ ramPages: 256, pager: { minPages: 32, maxPages: 64 } });
    const outcome = m.run({ op: "pager.resize", minPages: 1000, maxPages: 1000 });
    expect(codeOf(outcome)).toBe("KErrNoMemory");
    expect(m.state.ram.freePages).toBe(0);
    expect(m.state.pager.maximumPageCount).toBe(1000);
    expect(m.ok({ op: "pager.resize", minPages: 32, maxPages: 64 })).toEqual({
      minPages: 32,
      maxPages: 64,
      currentPages: 64,
    });
  });
});

describe("pager.flush (DPager::FlushAll)", () => {
  it("pages everything out but pinned pages, then shrinks the cache to its minimum", () => {
    const m = new PagingMachine({ pager: { minPages: 16, maxPages: 64 } });
    for (let page = 0; page < 30; page++) m.ok({ op: "page.access", page, write: page % 3 === 0 });
    m.ok({ op: "page.pin", page: 5 });
    m.ok({ op: "pager.flush" });
    const p = m.state.pager;
    expect([p.young.count, p.old.count, p.oldestDirty.count, p.pages.size]).toEqual([0, 0, 0, 1]);
    expect(p.numberOfFreePages).toBe(0);
    expect(p.oldestClean.count).toBe(16);
    expect(p.numberOfDirtyPages).toBe(0);
  });
});

describe("page.pin / page.unpin (DPager::Pin / Unpin)", () => {
  it("pins a page in with one replacement page and puts it back as the youngest page on unpin", () => {
    const m = new PagingMachine({ pager: { minPages: 16, maxPages: 64 } });
    m.run({ op: "pager.flush" });
    const freeRam = m.freeRam;
    const { pfn } = m.ok({ op: "page.pin", page: 9 });
    expect(m.freeRam).toBe(freeRam - 1);
    m.ok({ op: "page.pin", page: 9 }); // a second pin only counts
    expect(m.freeRam).toBe(freeRam - 1);
    m.ok({ op: "page.unpin", page: 9 });
    expect(m.freeRam).toBe(freeRam - 1);
    m.ok({ op: "page.unpin", page: 9 });
    expect(m.freeRam).toBe(freeRam);
    expect(m.state.pager.young.head).toBe(pfn);
    expect(codeOf(m.run({ op: "page.unpin", page: 9 }))).toBe("KErrArgument");
  });

  it("keeps a decommitted pinned frame until the last unpin, and refuses to pin its page again meanwhile", () => {
    const m = new PagingMachine({ pager: { minPages: 16, maxPages: 64 } });
    m.ok({ op: "page.pin", page: 3 });
    expect(m.run({ op: "page.free", page: 3 }).effects).toEqual([
      { kind: "freed", page: 3, pfn: expect.any(Number) as number, to: "pinned" },
    ]);
    m.ok({ op: "page.access", page: 3 }); // recommitted and paged in afresh
    expect(codeOf(m.run({ op: "page.pin", page: 3 }))).toBe("KErrArgument");
    m.ok({ op: "page.unpin", page: 3 });
    m.ok({ op: "page.pin", page: 3 });
  });
});
