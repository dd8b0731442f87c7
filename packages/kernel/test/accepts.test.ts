import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kernelMachine, kernelOps } from "../src/index.js";

const field = fc.oneof(
  fc.integer({ min: -2, max: 70_000 }),
  fc.double(),
  fc.boolean(),
  fc.string({ maxLength: 4 }),
  fc.constant(null),
  fc.constantFrom("read", "write", "anon", ["read", "write"], ["nowait"]),
);
const eventLike = fc.record(
  {
    op: fc.oneof(fc.constantFrom(...kernelOps), fc.string({ maxLength: 6 })),
    pages: field,
    pfn: field,
    align: field,
    pt: field,
    page: field,
    as: field,
    size: field,
    n: field,
    junk: field,
  },
  { requiredKeys: ["op"] },
);

describe("kernelMachine.accepts", () => {
  it("says yes exactly when validate accepts (property)", () => {
    fc.assert(
      fc.property(fc.oneof(eventLike, fc.anything()), (input) => {
        expect(kernelMachine.accepts?.(input)).toBe(kernelMachine.validate(input).ok);
      }),
      { numRuns: 3000 },
    );
  });
});
