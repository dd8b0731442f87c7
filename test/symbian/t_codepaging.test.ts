/**
 * e32test/mmu/t_codepaging.cpp (KERNEL-SOURCES.md §1.6 T3): a page of paged code driven through
 * its states by accessing it and by forcing page-ins of other pages, checked after every step with
 * the HAL page state (EVMPageState) as the flexible memory model reports it.
 */
import { checkInvariants } from "@pagefold/engine";
import { kernelMachine, PagedState, PageStateBits, testPageState } from "@pagefold/kernel";
import { describe, expect, it } from "vitest";
import { Driver } from "./scenarios/driver.js";
import { cacheSize } from "./scenarios/paging-hal.js";

type State = "Unmapped" | "PagedOut" | "Young" | "Old" | "OldestClean" | "OldestDirty";

const CODE = PageStateBits.InRamCode | PageStateBits.Paged;
/** ExpectedPageState with EPageStatePageTablePresent masked off (the FMM allocates tables on demand). */
const expectedBits: Record<State, number> = {
  Unmapped: 0,
  PagedOut: CODE,
  Young: CODE | PageStateBits.PtePresent | PageStateBits.PteValid,
  Old: CODE | PageStateBits.PtePresent,
  OldestClean: CODE | PageStateBits.PtePresent,
  OldestDirty: CODE | PageStateBits.PtePresent,
};
const expectedPhys: Record<State, number> = {
  Unmapped: 0,
  PagedOut: 0,
  Young: PagedState.Young,
  Old: PagedState.Old,
  OldestClean: PagedState.OldestClean,
  OldestDirty: PagedState.OldestDirty,
};

const TestPathNoOldest: State[] = [
  "Unmapped",
  "PagedOut",
  "Young",
  "Old",
  "Young",
  "Old",
  "PagedOut",
  "Unmapped",
];
const TestPathOldest: State[] = [
  "Unmapped",
  "PagedOut",
  "Young",
  "Old",
  "OldestClean",
  "Young",
  "Old",
  "Young",
  "Old",
  "PagedOut",
  "Young",
  "Old",
  "OldestClean",
  "PagedOut",
  "Unmapped",
];

const LIBRARY_PAGE = 7;
const LARGE_DATA = 2_000_000;

/** The test program's globals and transition functions, over one machine. */
class CodePagingTest {
  readonly driver = new Driver({});
  /** Initialise: LiveListSize = iMaxSize / PageSize (after FlushAllPages, which boots paging). */
  readonly liveListSize: number;
  private readonly largePages: number;
  private largePtr = 0;
  pagesReadSinceLastAccess = 0;

  constructor() {
    this.driver.apply({ op: "pager.flush" });
    this.liveListSize = cacheSize(this.driver).max / 4096;
    this.largePages = this.liveListSize * 2;
  }

  pageState(): number {
    return testPageState(this.driver.state, LIBRARY_PAGE);
  }
  pagedState(): number {
    return (this.pageState() >> 8) & 0xff;
  }
  accessPage(): void {
    this.driver.apply({ op: "page.access", page: LIBRARY_PAGE });
    this.pagesReadSinceLastAccess = 0;
  }
  /** ForcePageIn: read the next page of the large library whose PTE is not valid. */
  forcePageIn(): void {
    do this.largePtr = (this.largePtr + 1) % this.largePages;
    while (testPageState(this.driver.state, LARGE_DATA + this.largePtr) & PageStateBits.PteValid);
    this.driver.apply({ op: "page.access", page: LARGE_DATA + this.largePtr });
    this.pagesReadSinceLastAccess++;
  }
  makeOld(): void {
    const initial = this.pageState();
    do this.forcePageIn();
    while (this.pagesReadSinceLastAccess <= this.liveListSize && initial === this.pageState());
    expect(this.pagedState()).toBe(PagedState.Old);
  }
  makeOldest(): void {
    do this.forcePageIn();
    while (!this.isOldest() && this.pagesReadSinceLastAccess <= this.liveListSize);
    expect(this.isOldest()).toBe(true);
  }
  makePagedOut(): void {
    while (!this.isOldest() && this.pagesReadSinceLastAccess <= this.liveListSize) this.forcePageIn();
    const before = this.pageState();
    do this.forcePageIn();
    while (this.pagesReadSinceLastAccess <= this.liveListSize && before === this.pageState());
  }
  unloadLibrary(): void {
    if (this.pageState() & PageStateBits.PtePresent)
      this.driver.apply({ op: "page.free", page: LIBRARY_PAGE });
  }
  private isOldest(): boolean {
    const s = this.pagedState();
    return s === PagedState.OldestClean || s === PagedState.OldestDirty;
  }

  /** StateTransitions[from][to]. */
  transition(from: State, to: State): void {
    if (to === "Unmapped") return this.unloadLibrary();
    if (to === "PagedOut") return from === "Unmapped" ? undefined : this.makePagedOut(); // LoadLibrary maps nothing yet
    if (to === "Young") return this.accessPage();
    if (to === "Old") return this.makeOld();
    return this.makeOldest();
  }

  runPath(path: readonly State[]): void {
    for (let i = 1; i < path.length; i++) {
      this.transition(path[i - 1]!, path[i]!);
      const state = path[i]!;
      if (state !== "Unmapped")
        expect(this.pageState() & ~0xffff, `${path[i - 1]} → ${state}`).toBe(expectedBits[state]);
      expect((this.pageState() >> 8) & 0xff, `${path[i - 1]} → ${state}`).toBe(expectedPhys[state]);
    }
  }
}

describe("t_codepaging page-state paths (flexible memory model, live list)", () => {
  it("finds oldest lists (SetHaveOldestLists), so TestPathOldest is the path upstream runs", () => {
    const t = new CodePagingTest();
    t.accessPage();
    do t.forcePageIn();
    while (t.pagedState() !== PagedState.OldestClean && t.pagesReadSinceLastAccess <= t.liveListSize);
    expect(t.pagedState()).toBe(PagedState.OldestClean);
  });

  it.each([
    ["TestPathOldest", TestPathOldest],
    ["TestPathNoOldest", TestPathNoOldest],
  ] as const)("walks %s with the expected HAL states after every step", (_name, path) => {
    const t = new CodePagingTest();
    t.runPath(path);
    const size = cacheSize(t.driver);
    expect(size.current).toBeGreaterThanOrEqual(size.min); // "Test cache size within bounds"
    expect(size.current).toBeLessThanOrEqual(size.max);
    expect(checkInvariants(kernelMachine, t.driver.state)).toEqual([]);
  });
});
