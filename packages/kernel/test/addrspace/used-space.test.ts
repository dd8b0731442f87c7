/** as.c used_space_insert / used_space_remove: every merge and failure case, and the seed's panics. */
import { describe, expect, it } from "vitest";
import { btreeCreate, type Btree } from "../../src/addrspace/btree/node.js";
import { leafEntries } from "../../src/addrspace/btree/search.js";
import { usedSpaceInsert } from "../../src/addrspace/used-insert.js";
import { usedSpaceRemove } from "../../src/addrspace/used-remove.js";
import { PAGE } from "./helpers.js";

/** Used space holding the given [first page, count] intervals (pages in units of PAGE). */
function usedSpace(intervals: Array<[number, number]>, fixed = true): Btree {
  const t = btreeCreate();
  for (const [page, count] of intervals) expect(usedSpaceInsert(t, page * PAGE, count, fixed)).toBe(true);
  return t;
}
const pages = (t: Btree): Array<[number, number]> => leafEntries(t).map(([p, c]) => [p / PAGE, c]);

describe("used_space_insert", () => {
  it.each([
    ["grows the left interval", [[10, 2]], [12, 1], true, [[10, 3]]],
    ["moves the right interval's base down", [[10, 2]], [9, 1], true, [[9, 3]]],
    [
      "fuses two intervals",
      [
        [10, 2],
        [13, 2],
      ],
      [12, 1],
      true,
      [[10, 5]],
    ],
    [
      "adds a separate interval",
      [[10, 2]],
      [20, 3],
      true,
      [
        [10, 2],
        [20, 3],
      ],
    ],
    ["refuses the beginning of used space", [[10, 2]], [10, 1], false, [[10, 2]]],
    ["refuses an overlap from the left", [[10, 2]], [9, 2], false, [[10, 2]]],
    ["refuses an overlap inside", [[10, 4]], [11, 1], false, [[10, 4]]],
    [
      "refuses an overlap with the right neighbour",
      [
        [10, 2],
        [20, 2],
      ],
      [18, 3],
      false,
      [
        [10, 2],
        [20, 2],
      ],
    ],
  ] as const)("%s", (_name, before, [page, count], ok, after) => {
    const t = usedSpace(before.map(([p, c]) => [p, c]));
    expect(usedSpaceInsert(t, page * PAGE, count, true)).toBe(ok);
    expect(pages(t)).toEqual(after);
  });

  it("merges across leaves: 40 single pages in any order end as one interval", () => {
    const order = [
      19, 20, 21, 0, 25, 22, 26, 23, 24, 5, 1, 4, 28, 29, 7, 8, 9, 17, 18, 2, 3, 6, 10, 11, 12, 13, 14, 15,
      16, 27,
    ];
    const t = btreeCreate();
    for (const k of [...order.map((k) => 2 * k + 1), ...order.map((k) => 2 * k + 2)]) {
      expect(usedSpaceInsert(t, k * PAGE, 1, false)).toBe(true);
    }
    expect(pages(t)).toEqual([[1, 60]]);
  });

  it("asserts page alignment and a non-zero count", () => {
    const t = btreeCreate();
    expect(() => usedSpaceInsert(t, 0x1001, 1, false)).toThrow(
      "assertion failed (page == ALIGN_DOWN(page, PAGE_SIZE))",
    );
    expect(() => usedSpaceInsert(t, 0x1000, 0, false)).toThrow("assertion failed (count)");
  });
});

describe("used_space_remove", () => {
  it.each([
    ["removes a whole interval", [[10, 3]], [10, 3], true, []],
    ["advances an interval's base", [[10, 3]], [10, 1], true, [[11, 2]]],
    ["shrinks an interval from its end", [[10, 3]], [12, 1], true, [[10, 2]]],
    [
      "splits an interval",
      [[10, 5]],
      [11, 2],
      true,
      [
        [10, 1],
        [13, 2],
      ],
    ],
    ["refuses more than an interval holds", [[10, 3]], [10, 4], false, [[10, 3]]],
    ["refuses unused pages", [[10, 3]], [20, 1], false, [[10, 3]]],
  ] as const)("%s", (_name, before, [page, count], ok, after) => {
    const t = usedSpace(before.map(([p, c]) => [p, c]));
    expect(usedSpaceRemove(t, page * PAGE, count, true)).toBe(ok);
    expect(pages(t)).toEqual(after);
  });

  it("panics on a range inside a leaf's second-to-last interval (its loop stops at keys - 1)", () => {
    const t = usedSpace([
      [10, 3],
      [20, 3],
      [30, 3],
    ]);
    expect(usedSpaceRemove(t, 11 * PAGE, 1, true)).toBe(true); // first interval: fine
    expect(() => usedSpaceRemove(t, 21 * PAGE, 1, true)).toThrow(
      /Inconsistency detected while removing 1 pages/,
    );
  });
});

describe("an emptied used space (revision 2006 vs fixed)", () => {
  it("the seed answers 'used' for the last page removed; a6cb8cb97c + 8b3bff5d1a do not", () => {
    for (const fixed of [false, true]) {
      const t = usedSpace([[10, 1]], fixed);
      expect(usedSpaceRemove(t, 10 * PAGE, 1, fixed)).toBe(true);
      expect(usedSpaceInsert(t, 10 * PAGE, 1, fixed)).toBe(fixed);
    }
  });

  it("the seed moves the emptied root's stale key down and records nothing", () => {
    const seed = usedSpace([[10, 1]], false);
    usedSpaceRemove(seed, 10 * PAGE, 1, false);
    expect(usedSpaceInsert(seed, 9 * PAGE, 1, false)).toBe(true);
    expect(pages(seed)).toEqual([]);
    const fixed = usedSpace([[10, 1]]);
    usedSpaceRemove(fixed, 10 * PAGE, 1, true);
    expect(usedSpaceInsert(fixed, 9 * PAGE, 1, true)).toBe(true);
    expect(pages(fixed)).toEqual([[9, 1]]);
  });
});
