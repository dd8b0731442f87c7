/**
 * Properties of the paging subsystems on generated streams: every invariant holds after every
 * event (step checks them all: test/setup.ts), no event throws or halts the machine, and the bulk
 * path (Replayer) gives the same outcomes and digests as stepping with immer.
 */
import { cloneState, deepEqual, Replayer, step, type Outcome } from "@pagefold/engine";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kernelMachine, type KernelState } from "../../src/index.js";
import { boot } from "../helpers.js";
import { pagingStreamArb } from "./arbitrary.js";

describe("paging streams", () => {
  it("keep every invariant after every event, and never panic or throw", () => {
    fc.assert(
      fc.property(pagingStreamArb, ({ config, events }) => {
        let state: KernelState = boot(config.ramPages, config);
        for (const event of events) {
          const [next, outcome] = step(kernelMachine, state, event); // throws InvariantError on a broken invariant
          expect(
            outcome.ok || !["PANIC", "INTERNAL", "HALTED"].includes(outcome.code),
            JSON.stringify(outcome),
          ).toBe(true);
          state = next;
        }
      }),
      { numRuns: 60 },
    );
  });

  it("replay in bulk exactly as stepwise: outcomes, digests and final state", () => {
    fc.assert(
      fc.property(pagingStreamArb, ({ config, events }) => {
        const initial = boot(config.ramPages, config);
        const bulk = new Replayer(kernelMachine, initial);
        const bulkOutcomes: Outcome[] = [];
        const bulkDigests: string[] = [];
        for (const event of events) {
          bulkOutcomes.push(bulk.apply(event));
          bulkDigests.push(bulk.digest().combined);
        }
        let state: KernelState = cloneState(initial);
        events.forEach((event, i) => {
          const before = kernelMachine.digest(state).combined;
          const [next, outcome] = step(kernelMachine, state, event);
          expect(deepEqual(outcome, bulkOutcomes[i])).toBe(true);
          expect(kernelMachine.digest(next).combined).toBe(bulkDigests[i]);
          expect(kernelMachine.digest(state).combined, "a step must not touch the previous state").toBe(
            before,
          );
          state = next;
        });
        expect(deepEqual(state, bulk.peek())).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
