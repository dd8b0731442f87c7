/**
 * e32test/mmu/t_demandpaging.cpp (KBASE-T_DEMANDPAGING-0334, KERNEL-SOURCES.md §1.6 T2):
 * TestResizeVMCache, TestResizeVMCache2 and TestContiguousRamAlloc, on the default ARM machine
 * (64 MiB, cache 256..1024 pages).
 */
import { checkInvariants, type Outcome } from "@pagefold/engine";
import { kernelMachine } from "@pagefold/kernel";
import { describe, expect, it } from "vitest";
import { CONTIGUOUS_RAM_ALLOC_ROWS, contiguousRequest } from "./scenarios/contiguous.js";
import { Driver } from "./scenarios/driver.js";
import {
  cacheSize,
  flushCache,
  fragmentPagingCache,
  PAGE_SIZE,
  setCacheSize,
  thrashPaging,
} from "./scenarios/paging-hal.js";

const KMaxTInt = 0x7fffffff;
const code = (outcome: Outcome): string => (outcome.ok ? "KErrNone" : outcome.code);

/** t_demandpaging SetCacheSize: on success CacheSize() gives exactly (min, max) and min ≤ current ≤ max. */
function checkedSetCacheSize(driver: Driver, min: number, max: number): string {
  const outcome = setCacheSize(driver, min, max);
  if (outcome.ok) {
    const size = cacheSize(driver);
    expect([size.min, size.max]).toEqual([min, max]);
    expect(size.current).toBeGreaterThanOrEqual(size.min);
    expect(size.current).toBeLessThanOrEqual(size.max);
  }
  expect(checkInvariants(kernelMachine, driver.state)).toEqual([]);
  return code(outcome);
}

describe("t_demandpaging TestResizeVMCache", () => {
  const driver = new Driver({});
  expect(code(setCacheSize(driver, 0, 0))).toBe("KErrNone");
  const original = cacheSize(driver);
  const K = original.current / PAGE_SIZE + 4;

  it("every assignment of K, K+4, K+8, K+12 to (curMin, curMax, newMin, newMax) succeeds", () => {
    const sizes = [K, K + 4, K + 8, K + 12];
    let tried = 0;
    for (let perm = 0; perm < 256; perm++) {
      const v = [perm & 3, (perm >> 2) & 3, (perm >> 4) & 3, (perm >> 6) & 3].map((i) => sizes[i]!);
      if ((v[0] === v[2] && v[1] === v[3]) || v[0]! > v[1]! || v[2]! > v[3]!) continue;
      expect(checkedSetCacheSize(driver, PAGE_SIZE * v[0]!, PAGE_SIZE * v[1]!)).toBe("KErrNone");
      thrashPaging(driver, PAGE_SIZE * v[1]!);
      expect(checkedSetCacheSize(driver, PAGE_SIZE * v[2]!, PAGE_SIZE * v[3]!)).toBe("KErrNone");
      tried++;
    }
    expect(tried).toBe(90);
    expect(checkedSetCacheSize(driver, original.min, original.max)).toBe("KErrNone");
  });

  const table: [number, number, string][] = [
    [K, K, "KErrNone"],
    [K - 4, K, "KErrNone"],
    [K, K, "KErrNone"],
    [K, K * 2, "KErrNone"],
    [K, K, "KErrNone"],
    [K - 1, K, "KErrNone"],
    [K, K, "KErrNone"],
    [K, K + 1, "KErrNone"],
    [K, K, "KErrNone"],
    [K + 1, K, "KErrArgument"],
    [K, K - 1, "KErrArgument"],
    [K, K, "KErrNone"],
    [KMaxTInt, KMaxTInt, "KErrNoMemory"], // KMaxTInt pages in bytes wraps to 1,048,575 pages
    [K, K, "KErrNone"],
  ];

  it.each([
    ["empty", (d: Driver) => flushCache(d)],
    ["full", (d: Driver, maxBytes: number) => thrashPaging(d, maxBytes)],
  ] as const)("answers the specific resizings of an %s cache as upstream expects", (_name, prepare) => {
    let size = { min: original.min, max: original.max };
    const results = table.map(([minPages, maxPages]) => {
      const min = (minPages * PAGE_SIZE) >>> 0;
      const max = (maxPages * PAGE_SIZE) >>> 0;
      prepare(driver, max);
      const r = checkedSetCacheSize(driver, min, max);
      if (r === "KErrNone") size = max === 0 ? { min: original.min, max: original.max } : { min, max };
      // "cache size after OOM is unpredictable, so reset our values"
      else if (r === "KErrNoMemory") expect(checkedSetCacheSize(driver, size.min, size.max)).toBe("KErrNone");
      return r;
    });
    expect(results).toEqual(table.map(([, , expected]) => expected));
    expect(checkedSetCacheSize(driver, original.min, original.max)).toBe("KErrNone");
  });

  it("TestResizeVMCache2: SetCacheSize(1, max) succeeds and the minimum is clamped above 1", () => {
    expect(code(setCacheSize(driver, 1, original.max))).toBe("KErrNone");
    expect(cacheSize(driver).min).toBeGreaterThan(1);
    expect(cacheSize(driver).min).toBe(12 * PAGE_SIZE); // iMinimumPageLimit on ARM: max(6·4/3, 2·6)
    expect(code(setCacheSize(driver, original.min, original.max))).toBe("KErrNone");
  });
});

describe("t_demandpaging TestContiguousRamAlloc", () => {
  it("allocates aligned blocks from a fragmented cache until failure, and FreeRam is restored", () => {
    const driver = new Driver({});
    expect(code(setCacheSize(driver, 0, 1024 * 1024))).toBe("KErrNone");
    for (const [halfPages, alignArg] of CONTIGUOUS_RAM_ALLOC_ROWS) {
      const { pages, align, alignBytesLog2: alignBytes } = contiguousRequest(halfPages, alignArg);
      fragmentPagingCache(driver, 1024 * 1024);
      // d_demandpaging.cpp DoConsumeContiguousRamTest with Epoc::AllocPhysicalRam(size, addr, align)
      const initialFreeRam = driver.freeRam;
      expect(driver.state.pager.numberOfFreePages, "CHECK(initialFreePages != 0)").not.toBe(0);
      const blocks: number[] = [];
      for (;;) {
        const outcome = driver.apply({ op: "ram.alloc", pages, align });
        if (!outcome.ok) break;
        const pfn = (outcome.value as { pfn: number }).pfn;
        expect((pfn * PAGE_SIZE) % 2 ** alignBytes, `block at ${pfn} aligned to 2^${alignBytes}`).toBe(0);
        blocks.push(pfn);
      }
      expect(blocks.length).toBeGreaterThan(0);
      for (const pfn of blocks.reverse()) expect(driver.apply({ op: "ram.free", pfn, pages }).ok).toBe(true);
      expect(driver.freeRam).toBe(initialFreeRam);
      expect(checkInvariants(kernelMachine, driver.state)).toEqual([]);
    }
    expect(code(setCacheSize(driver, 0, 0))).toBe("KErrNone");
  });
});
