/**
 * e32test/demandpaging/t_pagetable_limit.cpp: "Test that a paged page table can always be
 * acquired" (KERNEL-SOURCES.md §1.6 T1), on revision 2010 (the fix it was written for) and on
 * revision 2009 (the seed), which fails it.
 */
import { checkInvariants } from "@pagefold/engine";
import { kernelMachine } from "@pagefold/kernel";
import {
  NUM_PROCESSES,
  PAGED_CHUNKS_START,
  runPagetableLimit,
  type PagetableLimitRun,
} from "@pagefold/traces";
import { beforeAll, describe, expect, it } from "vitest";

function expectRestored(run: PagetableLimitRun): void {
  const { pagetables, pager } = run.state;
  expect(run.freeRamAfter, "E4: FreeRam restored").toBe(run.freeRamBefore);
  expect(pagetables.inUse, "only the bootstrap's table is left").toBe(1);
  expect(pagetables.paged.cleanupPages + pagetables.unpaged.cleanupPages).toBe(0);
  expect([pager.minimumPageCount, pager.maximumPageCount]).toEqual([
    pager.initMinimumPageCount,
    pager.initMaximumPageCount,
  ]);
  expect(checkInvariants(kernelMachine, run.state)).toEqual([]);
}

describe("t_pagetable_limit, revision 2010 (random paged-PT stealing)", () => {
  let run: PagetableLimitRun;
  beforeAll(() => {
    run = runPagetableLimit({ revision: "2010" });
  });

  it("E1, E2: a process fails while mapping an unpaged chunk, before the last process", () => {
    expect(run.limit).toBeDefined();
    expect(run.limit!.code).toBe("KErrNoMemory");
    expect(run.limit!.chunk).toBeLessThan(PAGED_CHUNKS_START);
    expect(run.limit!.process).toBeLessThan(NUM_PROCESSES - 1);
    // 200 unpaged and 200 paged PT pages a process: the regions meet in process 81.
    expect(run.limit!.process).toBe(81);
    const { lowerWaterMark, upperWaterMark } = run.state.pagetables;
    expect(lowerWaterMark + 1, "LWM + 1 == UWM & ~63: the group-granularity clash").toBe(
      upperWaterMark & ~63,
    );
  });

  it("E3: every accessor process maps its paged chunks, paged page tables stolen at random", () => {
    expect(run.accessorFailure).toBeUndefined();
    expect(run.accessorsMapped).toBe(10);
    expect(run.randomSteals).toBeGreaterThan(0);
    expect(run.reallocated, "stolen tables are reallocated on the next touch").toBeGreaterThan(0);
    const pagedAllocs = run.events.flatMap((e, i) =>
      e.op === "pt.alloc" && e.paged ? [run.outcomes[i]!] : [],
    );
    expect(pagedAllocs.every((o) => o.ok)).toBe(true);
  });

  it("E4: killing everything and closing the chunks restores free RAM and the cache size", () => {
    expectRestored(run);
    expect(run.state.panic).toBeNull();
  });
});

describe("t_pagetable_limit, revision 2009 (the seed)", () => {
  let run: PagetableLimitRun;
  beforeAll(() => {
    run = runPagetableLimit({ revision: "2009" });
  });

  it("E1, E2 hold: unpaged allocation fails first, in the same process", () => {
    expect(run.limit).toMatchObject({ process: 81, code: "KErrNoMemory" });
    expect(run.limit!.chunk).toBeLessThan(PAGED_CHUNKS_START);
  });

  it("E3 fails: the first accessor cannot get a paged page table (TPtPageAllocator::Alloc returns -1)", () => {
    expect(run.accessorsMapped).toBe(0);
    expect(run.accessorFailure).toMatchObject({ process: 82, code: "KErrNoMemory" });
    expect(run.accessorFailure!.chunk).toBeGreaterThanOrEqual(PAGED_CHUNKS_START);
    expect(run.randomSteals).toBe(0);
  });

  it("E4 still holds", () => {
    expectRestored(run);
  });
});
