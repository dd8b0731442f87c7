/**
 * The allocator under t_demandpaging's TestContiguousRamAlloc table with no paging cache at all: the
 * "cache" is single ram pages with movable holes between them, so the test exercises ram's aligned
 * search alone (t_demandpaging.test.ts runs the same table against the real live list).
 */
import { checkInvariants, type Outcome } from "@pagefold/engine";
import { kernelMachine, type KernelState } from "@pagefold/kernel";
import { describe, expect, it } from "vitest";
import { CONTIGUOUS_RAM_ALLOC_ROWS, contiguousRequest } from "./scenarios/contiguous.js";
import { Driver } from "./scenarios/driver.js";

const allocated = (outcome: Outcome): number => {
  if (!outcome.ok) throw new Error(`expected an allocation, got ${outcome.code}`);
  return (outcome.value as { pfn: number }).pfn;
};

const CACHE_PAGES = 256;

describe("TestContiguousRamAlloc on physical memory alone (no pager)", () => {
  it("allocates aligned blocks from fragmented memory until failure; every block aligned, free RAM restored", () => {
    const driver = new Driver({ ramPages: 2048 });
    const ram = (): KernelState["ram"] => driver.state.ram;
    let lcg = 1;
    let cache: number[] = [];
    const fragmentPagingCache = (): void => {
      for (const pfn of cache) driver.apply({ op: "ram.free", pfn, pages: 1 });
      cache = [];
      const chunk: number[] = [];
      for (let i = 0; i < CACHE_PAGES; i++) {
        lcg = (Math.imul(lcg, 69069) + 1) >>> 0;
        if (lcg < 0x40000000)
          chunk.push(allocated(driver.apply({ op: "ram.alloc", pages: 1, movable: true })));
        cache.push(allocated(driver.apply({ op: "ram.alloc", pages: 1 })));
      }
      for (const pfn of chunk) driver.apply({ op: "ram.free", pfn, pages: 1 });
    };

    for (const [halfPages, alignHalf] of CONTIGUOUS_RAM_ALLOC_ROWS) {
      const { pages, align } = contiguousRequest(halfPages, alignHalf);
      fragmentPagingCache();
      const initialFree = ram().freePages;
      const blocks: number[] = [];
      for (;;) {
        const outcome = driver.apply({ op: "ram.alloc", pages, align });
        if (!outcome.ok) {
          expect(outcome.code).toBe("KErrNoMemory");
          break;
        }
        const pfn = allocated(outcome);
        expect(pfn % 2 ** align, `block at ${pfn} not aligned to 2^${align}`).toBe(0);
        blocks.push(pfn);
      }
      expect(blocks.length).toBeGreaterThan(0);
      // The holes between cache pages are free RAM no multi-page block fits in; single pages take all.
      if (pages > 1) expect(ram().freePages).toBeGreaterThan(0);
      if (pages === 1 && align === 0) expect(ram().freePages).toBe(0);
      while (blocks.length > 0)
        expect(driver.apply({ op: "ram.free", pfn: blocks.pop()!, pages }).ok).toBe(true);
      expect(ram().freePages, `FreeRam() == initialFreeRam for (${halfPages}, ${alignHalf})`).toBe(
        initialFree,
      );
      expect(checkInvariants(kernelMachine, driver.state)).toEqual([]);
    }
    for (const pfn of cache) driver.apply({ op: "ram.free", pfn, pages: 1 });
    expect(ram().freePages).toBe(2048);
  });
});
