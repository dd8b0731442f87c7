/** mpager.cpp InitCache, BalanceAges, TryRejuvenate and dirty pages. */
import { describe, expect, it } from "vitest";
import { liveListInfo } from "../../src/index.js";
import { codeOf } from "../helpers.js";
import { kinds, PagingMachine } from "../pagetables/machine.js";

const counts = (m: PagingMachine): number[] => {
  const p = m.state.pager;
  return [p.young.count, p.old.count, p.oldestClean.count, p.oldestDirty.count];
};

describe("InitCache", () => {
  it("starts with min free pages on oldestClean and the HAL view current = min + free", () => {
    const m = new PagingMachine({ pager: { minPages: 32, maxPages: 64 } });
    m.run({ op: "pager.flush" });
    expect(counts(m)).toEqual([0, 0, 32, 0]);
    expect(liveListInfo(m.state.pager)).toEqual({
      minPages: 32,
      maxPages: 64,
      currentPages: 32,
      maxFreePages: 0,
    });
    expect(m.state.pager).toMatchObject({ minYoungPages: 6, minimumPageLimit: 12, absoluteMinPageCount: 12 });
    const x86 = new PagingMachine({ arch: "x86", pager: { minPages: 16, maxPages: 64 } });
    x86.run({ op: "pager.flush" });
    expect(x86.state.pager).toMatchObject({ minYoungPages: 13, minimumPageLimit: 26, minimumPageCount: 26 });
  });

  it("panics where its __NK_ASSERT_ALWAYS checks fail", () => {
    const ratio = new PagingMachine({ pager: { minPages: 32, maxPages: 64, youngOldRatio: 40 } });
    expect(ratio.run({ op: "pager.flush" })).toMatchObject({
      code: "PANIC",
      message: expect.stringContaining("minOldAndOldest >= KMinOldPages") as string,
    });
    const oldest = new PagingMachine({ pager: { minPages: 16, maxPages: 64, oldOldestRatio: 4 } });
    expect(oldest.run({ op: "pager.flush" })).toMatchObject({
      code: "PANIC",
      message: expect.stringContaining("oldestCount") as string,
    });
    const ram = new PagingMachine({ ramPages: 64, pager: { minPages: 256, maxPages: 1024 } });
    expect(codeOf(ram.run({ op: "page.access", page: 1 }))).toBe("PANIC");
  });
});

describe("BalanceAges after every insertion", () => {
  it("ages young to old when (old + oldest)·3 < young and old to oldest when oldest·3 < old", () => {
    const m = new PagingMachine({ pager: { minPages: 16, maxPages: 16 } });
    const seen: number[][] = [];
    for (let page = 0; page < 17; page++) {
      m.ok({ op: "page.access", page });
      seen.push(counts(m));
    }
    // each page-in takes a free page off oldestClean; pages age once young > 3·(old + oldest)
    expect(seen.slice(11)).toEqual([
      [12, 0, 4, 0],
      [12, 1, 3, 0],
      [12, 2, 2, 0],
      [12, 3, 1, 0],
      [12, 3, 1, 0],
      [12, 3, 1, 0], // the 17th steals the oldest clean page (page 0), then ages one more page
    ]);
    expect(m.state.pager.counters).toMatchObject({ hardFaults: 17, steals: 1 });
  });

  it("reports every aging move in the effects", () => {
    const m = new PagingMachine({ pager: { minPages: 16, maxPages: 16 } });
    for (let page = 0; page < 12; page++) m.ok({ op: "page.access", page });
    const outcome = m.run({ op: "page.access", page: 12 });
    expect(outcome.effects).toEqual([
      { kind: "aged", to: "old", page: 0, pfn: expect.any(Number) as number },
    ]);
  });
});

describe("page.access", () => {
  it("is a hit on a young page, a soft fault (rejuvenation) on an old one, a page-in when absent", () => {
    const m = new PagingMachine({ pager: { minPages: 16, maxPages: 16 } });
    for (let page = 0; page < 16; page++) m.ok({ op: "page.access", page });
    expect(m.ok({ op: "page.access", page: 15 })).toMatchObject({ kind: "hit" });
    expect(m.state.pager.old.count).toBeGreaterThan(0);
    const page = [0, 1, 2, 3, 4].find((p) => m.run({ op: "page.rejuvenate", page: p }).ok);
    expect(page, "an old or oldest page rejuvenates").toBeDefined();
    expect(m.ok({ op: "page.access", page: 15 })).toMatchObject({ kind: "hit" });
    expect(m.ok({ op: "page.access", page: 99 })).toMatchObject({
      kind: "pagein",
      stolen: expect.any(Number) as number,
    });
    expect(m.state.pager.counters).toMatchObject({ hits: 2, softFaults: 1, hardFaults: 17 });
    expect(codeOf(m.run({ op: "page.rejuvenate", page: 99 })), "young").toBe("KErrArgument");
    expect(codeOf(m.run({ op: "page.rejuvenate", page: 1234 })), "absent").toBe("KErrArgument");
  });

  it("dirties a page on a write fault, ages it to oldestDirty, and page.clean moves it to oldestClean", () => {
    const m = new PagingMachine({ pager: { minPages: 16, maxPages: 16 } });
    m.ok({ op: "page.access", page: 0 });
    expect(m.ok({ op: "page.access", page: 0, write: true })).toMatchObject({ kind: "rejuvenate" });
    expect(m.ok({ op: "page.access", page: 0, write: true })).toMatchObject({ kind: "hit" });
    expect(m.state.pager.numberOfDirtyPages).toBe(1);
    for (let page = 1; page < 16; page++) m.ok({ op: "page.access", page });
    expect(counts(m)).toEqual([12, 3, 0, 1]);
    const clean = m.run({ op: "page.clean", page: 0 });
    expect(kinds(clean)).toEqual(["cleaned"]);
    expect(counts(m)).toEqual([12, 3, 1, 0]);
    expect(m.state.pager.numberOfDirtyPages).toBe(0);
    expect(codeOf(m.run({ op: "page.clean", page: 0 }))).toBe("KErrArgument");
  });

  it("writes a dirty page back when it is stolen", () => {
    const m = new PagingMachine({ pager: { minPages: 16, maxPages: 16 } });
    m.ok({ op: "page.access", page: 0, write: true });
    for (let page = 1; page < 16; page++) m.ok({ op: "page.access", page });
    const outcome = m.run({ op: "page.access", page: 16 });
    expect(outcome.effects).toContainEqual({
      kind: "steal",
      page: 0,
      pfn: expect.any(Number) as number,
      written: true,
    });
  });
});
