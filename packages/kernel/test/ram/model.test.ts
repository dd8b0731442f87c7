import { applyEvent, checkInvariants, deepEqual } from "@pagefold/engine";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { frameOwner, kernelMachine, ramCounters } from "../../src/index.js";
import { boot } from "../helpers.js";
import { ramCommandArb, ramSizeArb, referenceOutcome, resolve } from "./commands.js";
import { ReferenceRam } from "./reference.js";

describe("ram against a reference model", () => {
  it("answers every alloc/free/migrate like a plain frame array with lowest-fit scans, invariants holding after every event", () => {
    fc.assert(
      fc.property(
        ramSizeArb,
        fc.array(ramCommandArb, { maxLength: 150, size: "max" }),
        (ramPages, commands) => {
          const state = boot(ramPages);
          const ref = new ReferenceRam(ramPages);
          for (const command of commands) {
            const event = resolve(command, ref);
            expect(kernelMachine.validate(event).ok).toBe(true);
            const outcome = applyEvent(kernelMachine, state, event);
            const expected = referenceOutcome(ref, event);
            expect(outcome.ok, `${JSON.stringify(event)} → ${JSON.stringify(outcome)}`).toBe(expected.ok);
            if (outcome.ok && expected.ok) expect(deepEqual(outcome.value, expected.value)).toBe(true);
            if (!outcome.ok && !expected.ok) expect(outcome.code).toBe(expected.code);

            expect(checkInvariants(kernelMachine, state)).toEqual([]);
            const counters = ramCounters(state.ram);
            expect(counters.freePages).toBe(ref.freePages);
            expect(counters.largestFreeRun).toBe(ref.largestFreeRun);
            expect(counters.largestFreeOrder).toBe(ref.largestFreeOrder);
          }
          for (let p = 0; p < ramPages; p++) {
            const owner = frameOwner(state.ram, p);
            const frame = ref.frames[p] ?? null;
            expect(owner === null ? null : { tag: owner.tag, movable: owner.movable }).toEqual(frame);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
