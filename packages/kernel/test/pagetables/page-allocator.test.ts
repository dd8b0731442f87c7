/** mptalloc.cpp TPtPageAllocator: the clash rule, the pinned-PT limit, RandomPagedPtPage. */
import { describe, expect, it } from "vitest";
import { bitMapAllocRange } from "../../src/pagetables/bitmap.js";
import {
  atPinnedPagedPtsLimit,
  isDemandPagedPt,
  isDemandPagedPtInfo,
  ptPageAlloc,
  randomPagedPtPage,
} from "../../src/pagetables/page-allocator.js";
import { PagingMachine } from "./machine.js";

/** A booted allocator whose lower region ends at `lwm` and whose paged pages fill [uwm, max). */
function regions(revision: "2009" | "2010", lwm: number, uwm: number): PagingMachine {
  const m = new PagingMachine({ revisions: { pagetables: revision } });
  m.run({ op: "pt.cleanup" });
  const pts = m.state.pagetables;
  bitMapAllocRange(pts.lower, 1, lwm);
  bitMapAllocRange(pts.upper, 0, 32512 - uwm);
  pts.lowerWaterMark = lwm;
  pts.upperWaterMark = uwm;
  return m;
}

describe("TPtPageAllocator::Alloc", () => {
  it("grows the unpaged region until the next page would reach the paged region's group", () => {
    const m = regions("2009", 190, 250); // UWM & ~63 = 192
    expect(ptPageAlloc(m.state, false)).toBe(191);
    expect(ptPageAlloc(m.state, false)).toBe(-1); // 192 >= 192: clash, the bit is freed again
    expect(m.state.pagetables).toMatchObject({ lowerWaterMark: 191 });
    expect(m.state.pagetables.lower.avail).toBe(32512 - 192);
  });

  it("grows the paged region down while its page's group stays above LWM", () => {
    const m = regions("2009", 127, 194);
    const got: number[] = [];
    for (let page = ptPageAlloc(m.state, true); page >= 0; page = ptPageAlloc(m.state, true)) got.push(page);
    expect(got).toEqual(Array.from({ length: 66 }, (_, i) => 193 - i)); // down to 128; 127 & ~63 = 64 <= 127
    expect(m.state.pagetables.upperWaterMark).toBe(128);
  });

  it("fails a paged page whose group reaches LWM (2009 answers KErrNoMemory for it)", () => {
    const m = regions("2009", 128, 193);
    expect(ptPageAlloc(m.state, true)).toBe(192);
    expect(ptPageAlloc(m.state, true)).toBe(-1); // 191 & ~63 = 128 <= 128
    expect(m.state.pagetables.upperWaterMark).toBe(192);
  });

  it("2010 also stops the unpaged region at the pinned-paged-PT limit", () => {
    const m = regions("2010", 190, 250);
    m.state.pagetables.pinnedPtPages = 32512 - 192 - 7; // only 7 unpinned paged pages would be left
    expect(ptPageAlloc(m.state, false)).toBe(-1);
    m.state.pagetables.pinnedPtPages = 0;
    expect(ptPageAlloc(m.state, false)).toBe(191);
  });
});

describe("AtPinnedPagedPtsLimit", () => {
  it("holds only when the regions meet and fewer than 8 paged pages would stay unpinned", () => {
    const m = new PagingMachine();
    expect(atPinnedPagedPtsLimit(m.state, 32450, 32447, 57)).toBe(true); // 64 - 57 = 7 < 8
    expect(atPinnedPagedPtsLimit(m.state, 32450, 32447, 56)).toBe(false);
    expect(atPinnedPagedPtsLimit(m.state, 32450, 32446, 63)).toBe(false); // not touching
  });
});

describe("RandomPagedPtPage", () => {
  it("steps the LCG seed = seed·69069 + 1 from 33333 and scales it to (UWM, max)", () => {
    const m = regions("2010", 100, 32000);
    let seed = 33333n;
    for (let i = 0; i < 5; i++) {
      seed = (seed * 69069n + 1n) % 2n ** 32n;
      const bit = Number((seed * BigInt(32512 - 32000 - 1)) >> 32n);
      expect(randomPagedPtPage(m.state)).toBe(32511 - bit);
    }
    expect(m.state.pagetables.randomSeed).toBe(Number(seed));
  });
});

describe("IsDemandPagedPt / IsDemandPagedPtInfo", () => {
  it("test a page against UWM, and an info page by the last page its group describes", () => {
    const m = regions("2010", 100, 32000);
    expect([isDemandPagedPt(m.state, 31999), isDemandPagedPt(m.state, 32000)]).toEqual([false, true]);
    expect([isDemandPagedPtInfo(m.state, 499), isDemandPagedPtInfo(m.state, 500)]).toEqual([false, true]); // 31999, 32063
  });
});
