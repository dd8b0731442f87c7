import { cloneState, digestOf } from "@pagefold/engine";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pgremove, traversalFor } from "../../src/kmem/pages.js";
import { sparseEach } from "../../src/sparse-table.js";
import type { KernelState } from "../../src/index.js";
import { Driver } from "./driver.js";

/** kernel_object populated by allocations of `sizes` pages, every `holeEvery`-th one freed again. */
function populated(sizes: readonly number[], holeEvery: number): KernelState {
  const d = new Driver(256);
  sizes.forEach((pages, i) => {
    const outcome = d.run({ op: "km.alloc1", map: "kernel_map", size: pages * 4096 });
    const kva = (outcome.value as { kva?: number } | undefined)?.kva;
    if (kva !== undefined && i % holeEvery === holeEvery - 1)
      d.run({ op: "km.free", map: "kernel_map", addr: kva, size: 4096 });
  });
  return d.state;
}

describe("uvm_km_pgremove", () => {
  it("chooses the memq walk when uo_npages <= pages in range · UKM_HASH_PENALTY (4), else the hash walk", () => {
    expect(traversalFor(12, 3)).toBe("list");
    expect(traversalFor(13, 3)).toBe("hash");
  });

  it("frees the same pages and leaves the same state by either traversal", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 2, max: 4 }),
        fc.nat(200),
        fc.integer({ min: 1, max: 120 }),
        (sizes, holeEvery, from, length) => {
          const state = populated(sizes, holeEvery);
          const start = 1024 + from;
          const byList = cloneState(state);
          const byHash = cloneState(state);
          const freedList = pgremove(byList, "kernel_object", start, start + length, "list");
          const freedHash = pgremove(byHash, "kernel_object", start, start + length, "hash");
          expect(freedList).toBe(freedHash);
          expect(digestOf(byList)).toBe(digestOf(byHash));
          expect(byList.ram.freePages).toBe(state.ram.freePages + freedList);
          sparseEach(byList.kmem.objects.kernel_object.pages, (offset) => {
            expect(offset < start || offset >= start + length).toBe(true);
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});
