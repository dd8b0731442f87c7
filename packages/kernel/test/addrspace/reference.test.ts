/**
 * Model-based: revision "fixed" (without sharing) answers and holds exactly what a plain
 * reference of the same rules answers and holds, on generated streams of creates, resizes,
 * destroys, faults and lookups over a crowded stretch of address space.
 */
import { applyEvent } from "@pagefold/engine";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kernelMachine, type AddrspaceView } from "../../src/index.js";
import { bootAs, codeOf, PAGE } from "./helpers.js";
import { ReferenceAddrspace, type RefEvent } from "./reference.js";

const as = fc.integer({ min: 1, max: 2 });
const addr = fc
  .integer({ min: 0, max: 120 })
  .chain((page) => fc.constantFrom(page * PAGE, page * PAGE + 123, 0x7fff0000 + (page % 16) * PAGE));
const flags = fc.subarray(["read", "write", "exec", "device"] as const);

const eventArb: fc.Arbitrary<RefEvent> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ op: fc.constant("as.create" as const), as }) },
  {
    weight: 8,
    arbitrary: fc.record({
      op: fc.constant("area.create" as const),
      as,
      base: addr,
      size: fc.integer({ min: 0, max: 6 }).map((p) => p * PAGE),
      flags,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("area.create" as const),
      as,
      base: addr,
      size: fc.integer({ min: 1, max: 6 }).map((p) => p * PAGE),
      flags,
      backend: fc.constant("none" as const),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant("area.resize" as const),
      as,
      addr,
      size: fc.integer({ min: 0, max: 20 * PAGE }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("area.destroy" as const), as, addr }) },
  {
    weight: 8,
    arbitrary: fc.record({
      op: fc.constant("as.fault" as const),
      as,
      addr,
      access: fc.constantFrom("read", "write", "exec"),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("as.lookup" as const), as, addr }) },
);

describe('revision "fixed" against a plain reference', () => {
  it("gives the same answers, areas and used space after every event", () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 250, size: "max" }), (events) => {
        const state = bootAs("fixed", 1024);
        const ref = new ReferenceAddrspace();
        for (const event of events) {
          const checked = kernelMachine.validate(event);
          expect(checked.ok).toBe(true);
          if (!checked.ok) return;
          const code = codeOf(applyEvent(kernelMachine, state, checked.value));
          expect(code, JSON.stringify(event)).toBe(ref.apply(event));
          const spaces = (kernelMachine.view(state) as { addrspace: AddrspaceView }).addrspace.spaces;
          for (const id of [1, 2]) {
            const areas = spaces[String(id)]?.areas ?? {};
            const got = Object.fromEntries(
              Object.entries(areas).map(([base, a]) => [base, { pages: a.pages, used: [...a.used] }]),
            );
            expect(got, `address space ${id} after ${JSON.stringify(event)}`).toEqual(ref.view(id));
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
