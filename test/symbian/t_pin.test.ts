/**
 * e32test/mmu/t_pin.cpp (KERNEL-SOURCES.md §1.6 T4) where it maps onto page.pin / page.unpin:
 * pinning pages in and keeps them across flushes, costs one replacement page each (FreeRam
 * drops), and a decommit of pinned memory frees nothing until the last unpin.
 * Pin objects are not modelled: each page.pin is one pin (a double unpin is KErrArgument here,
 * where the upstream pin object answers KErrNone), and Commit is implicit (a committed paged page
 * is simply not resident until touched).
 */
import { checkInvariants } from "@pagefold/engine";
import { isPageResident, kernelMachine } from "@pagefold/kernel";
import { describe, expect, it } from "vitest";
import { Driver } from "./scenarios/driver.js";
import { flushCache } from "./scenarios/paging-hal.js";

const PAGE = 4096;
const CHUNK = 4 * 1024 * 1024; // a page-table boundary on X86 and ARM

class PinTest {
  readonly driver = new Driver({});
  constructor(readonly pages: readonly number[]) {}
  /** CheckMemoryPresent (d_memorytest IsMemoryPresent): the memory object holds each page. */
  expectPresent(present: boolean): void {
    for (const page of this.pages)
      expect(isPageResident(this.driver.state, page), `page ${page} present`).toBe(present);
  }
  /** The same op on every page of the buffer, each expected to succeed. */
  each(op: "page.pin" | "page.unpin" | "page.free" | "page.access"): void {
    for (const page of this.pages) {
      const outcome = this.driver.apply({ op, page });
      expect(outcome.ok, `${op} ${page}: ${JSON.stringify(outcome)}`).toBe(true);
    }
  }
}

describe("t_pin TestPinVirtualMemoryDecommit", () => {
  it.each([
    [0, PAGE],
    [PAGE, PAGE],
    [PAGE, 2 * PAGE],
    [CHUNK - PAGE, PAGE],
    [CHUNK - 2 * PAGE, 2 * PAGE],
    [CHUNK - PAGE, 2 * PAGE],
  ])("offset %i size %i", (offset, size) => {
    const pages = Array.from({ length: size / PAGE }, (_, i) => offset / PAGE + i);
    const t = new PinTest(pages);
    const d = t.driver;
    flushCache(d);
    t.expectPresent(false);
    const initialFreeRam = d.freeRam;

    t.each("page.pin");
    t.expectPresent(true);
    const pinnedFreeRam = d.freeRam;
    expect(pinnedFreeRam).toBeLessThan(initialFreeRam);
    t.each("page.free"); // decommit pinned memory: not freed, it is pinned
    t.expectPresent(false);
    expect(d.freeRam).toBe(pinnedFreeRam);
    t.each("page.unpin");
    t.expectPresent(false);
    expect(d.freeRam).toBe(initialFreeRam);

    t.each("page.access"); // recommit and read: wiped pages paged in
    expect(d.freeRam).toBe(initialFreeRam);
    t.each("page.pin"); // pin memory which is already paged in
    t.expectPresent(true);
    expect(d.freeRam).toBe(pinnedFreeRam);
    t.each("page.free");
    t.expectPresent(false);
    expect(d.freeRam).toBe(pinnedFreeRam);
    t.each("page.access"); // commit pinned memory again and read it
    expect(d.freeRam).toBe(pinnedFreeRam);
    t.each("page.unpin");
    t.expectPresent(true);
    expect(d.freeRam).toBe(initialFreeRam);
    t.each("page.free");
    t.expectPresent(false);
    expect(d.freeRam).toBeLessThanOrEqual(initialFreeRam);

    t.each("page.pin"); // pin twice
    expect(d.freeRam).toBe(pinnedFreeRam);
    t.each("page.pin");
    expect(d.freeRam).toBe(pinnedFreeRam);
    t.each("page.free");
    expect(d.freeRam).toBe(pinnedFreeRam);
    t.each("page.unpin");
    expect(d.freeRam, "another pin exists").toBe(pinnedFreeRam);
    t.each("page.unpin");
    expect(d.freeRam).toBe(initialFreeRam);

    t.each("page.pin"); // page stealing of decommitted memory
    t.each("page.free");
    t.each("page.unpin");
    flushCache(d);
    expect(d.freeRam).toBe(initialFreeRam);
    expect(checkInvariants(kernelMachine, d.state)).toEqual([]);
  });
});

describe("t_pin TestPinVirtualMemoryPaged", () => {
  it("pinned pages stay present across flushes; unpinned, the next flush evicts them", () => {
    const t = new PinTest([100, 101, 102, 103]); // a 16 KB buffer
    flushCache(t.driver);
    t.expectPresent(false);
    t.each("page.pin");
    t.expectPresent(true);
    flushCache(t.driver);
    t.expectPresent(true);
    t.each("page.unpin");
    t.expectPresent(true);
    flushCache(t.driver);
    t.expectPresent(false);
    expect(t.driver.apply({ op: "page.unpin", page: 100 })).toMatchObject({
      ok: false,
      code: "KErrArgument",
    });
  });
});
