import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstHit, minimize, parsePredicate, Replayer } from "../src/index.js";
import { slotEvents } from "./arbitraries.js";
import { slots as machine, type SlotsEvent } from "./slots.js";

const leaky = machine.init({ slots: 64, leak: true });

describe("minimize", () => {
  it("shrinks a long stream to the events the bug needs, with references rewritten", () => {
    const events: SlotsEvent[] = [];
    for (let i = 0; i < 300; i++) events.push(i % 5 === 4 ? { op: "give", slot: i % 37 } : { op: "take" });
    events.push({ op: "give", slot: 50 });
    const predicate = parsePredicate("invariant:free-count");
    const result = minimize(machine, leaky, events, predicate);
    expect(firstHit(machine, leaky, result.events, predicate)).toBe(result.index);
    // a give of a slot >= 40 needs that slot taken: 41 takes and one give is the minimum
    expect(result.events.length).toBe(42);
    expect(result.events.at(-1)).toEqual({ op: "give", slot: 40 });
    expect(result.complete).toBe(true);
  });

  it("always returns a stream that still triggers the predicate, and every give names a taken slot (property)", () => {
    fc.assert(
      fc.property(slotEvents(200), (events) => {
        const predicate = parsePredicate("invariant:free-count");
        if (firstHit(machine, leaky, events, predicate) === undefined) return;
        const result = minimize(machine, leaky, events, predicate, { maxTests: 400 });
        expect(result.events.length).toBeLessThanOrEqual(events.length);
        expect(firstHit(machine, leaky, result.events, predicate)).toBe(result.index);
        const r = new Replayer(machine, leaky);
        for (const e of result.events.slice(0, result.index)) r.apply(e);
        const last = result.events[result.index];
        if (last?.op === "give") expect(r.peek().used.flat()[last.slot]).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it("refuses a predicate that never holds", () => {
    expect(() => minimize(machine, leaky, [{ op: "tick" }], parsePredicate("panic"))).toThrow(/never holds/);
  });
});
