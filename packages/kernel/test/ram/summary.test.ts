import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { alignedStarts, ctz, longestRun, wordOrder } from "../../src/ram/summary.js";
import { createTable, tableGet, tableSet, tableShape } from "../../src/ram/table.js";

const bitsOf = (word: number): boolean[] => Array.from({ length: 32 }, (_, i) => ((word >>> i) & 1) === 1);

/** Words with long runs as well as noise: unions of random ranges. */
const wordArb = fc.oneof(
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  fc.array(fc.tuple(fc.nat(31), fc.nat(31)), { maxLength: 4 }).map((ranges) =>
    ranges.reduce((w, [a, b]) => {
      for (let i = Math.min(a, b); i <= Math.max(a, b); i++) w |= 1 << i;
      return w;
    }, 0),
  ),
  fc.constantFrom(0, -1, 1, -2, 0x7fffffff, 0x0000ffff, 0xf0f0f0f0 | 0),
);

describe("word summaries", () => {
  it("agree with bit-by-bit definitions", () => {
    fc.assert(
      fc.property(wordArb, (word) => {
        const bits = bitsOf(word);
        let best = 0;
        let run = 0;
        for (const b of bits) best = Math.max(best, (run = b ? run + 1 : 0));
        expect(longestRun(word)).toBe(best);
        let order = -1;
        for (let k = 0; k <= 5; k++) {
          const starts = alignedStarts(word, k);
          for (let s = 0; s < 32; s++) {
            const aligned =
              s % 2 ** k === 0 &&
              bits.slice(s, s + 2 ** k).length === 2 ** k &&
              bits.slice(s, s + 2 ** k).every(Boolean);
            expect(((starts >>> s) & 1) === 1, `order ${k} at ${s}`).toBe(aligned);
            if (aligned) order = Math.max(order, k);
          }
        }
        expect(wordOrder(word)).toBe(order + 1);
        if (word !== 0) expect(ctz(word)).toBe(bits.indexOf(true));
      }),
      { numRuns: 500 },
    );
  });
});

describe("tables", () => {
  it("store entries in ≤ 64-entry arrays and read them back", () => {
    for (const size of [1, 63, 64, 65, 4096, 4097, 262_145]) {
      const table = createTable(size, 7);
      expect(tableShape(table)).toBe(size);
      tableSet(table, size - 1, 42);
      expect(tableGet(table, size - 1)).toBe(42);
      expect(tableGet(table, 0)).toBe(size === 1 ? 42 : 7);
    }
    expect(() => createTable(0, 0)).toThrow(RangeError);
  });

  it("describe malformed tables", () => {
    expect(tableShape([])).toBe("top level is not an array of 1..64");
    expect(tableShape([[[new Array(65).fill(0)]]])).toBe("[0][0][0] is not an array of 1..64");
    expect(tableShape([[[[1, 2], [3]]]])).toBe("[0][0][0] is partial but not last");
    expect(tableShape([[[[1, Number.NaN]]]])).toBe("[0][0][0] holds a non-number");
    expect(tableShape([[[[1, 2]], [[3]]]])).toBe("[0][0] is partial but not last");
    expect(tableShape([[[["x"]]]])).toBe("[0][0][0] holds a non-number");
  });
});
