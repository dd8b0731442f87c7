import { applyEvent, cloneState, deepEqual, step, type Outcome } from "@pagefold/engine";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kernelMachine, type KernelEvent, type KernelState } from "../src/index.js";
import { boot } from "./helpers.js";
import { ramCommandArb, ramSizeArb, referenceOutcome, resolve } from "./ram/commands.js";
import { ReferenceRam } from "./ram/reference.js";

/** A meaningful event stream: commands resolved against the reference model as it runs. */
const streamArb = fc
  .tuple(ramSizeArb, fc.array(ramCommandArb, { maxLength: 80, size: "max" }))
  .map(([ramPages, commands]) => {
    const ref = new ReferenceRam(ramPages);
    const events = commands.map((command) => {
      const event = resolve(command, ref);
      referenceOutcome(ref, event);
      return event;
    });
    return { ramPages, events };
  });

describe("bulk replay = stepwise replay", () => {
  it("gives identical outcomes and digests on a private mutable copy and through immer steps", () => {
    fc.assert(
      fc.property(streamArb, ({ ramPages, events }) => {
        const initial = boot(ramPages);
        const initialDigest = kernelMachine.digest(initial).combined;

        const bulk = cloneState(initial);
        const bulkOutcomes: Outcome[] = [];
        const bulkDigests: string[] = [];
        for (const event of events) {
          bulkOutcomes.push(applyEvent(kernelMachine, bulk, event));
          bulkDigests.push(kernelMachine.digest(bulk).combined);
        }

        let state: KernelState = initial;
        events.forEach((event: KernelEvent, i) => {
          const before = state;
          const beforeDigest = kernelMachine.digest(before).combined;
          const [next, outcome] = step(kernelMachine, state, event);
          expect(deepEqual(outcome, bulkOutcomes[i])).toBe(true);
          expect(kernelMachine.digest(next).combined).toBe(bulkDigests[i]);
          expect(kernelMachine.digest(before).combined, "a step must not touch the previous state").toBe(
            beforeDigest,
          );
          state = next;
        });
        expect(deepEqual(state, bulk)).toBe(true);
        expect(kernelMachine.digest(initial).combined).toBe(initialDigest);
      }),
      { numRuns: 100 },
    );
  });
});
