import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arraySource, bisect, parsePredicate, Replayer, stateTest, Timeline } from "../src/index.js";
import { slotEvents } from "./arbitraries.js";
import { slots as machine, type SlotsEvent } from "./slots.js";

const initial = machine.init({ slots: 64, leak: false });
const timeline = (events: SlotsEvent[], every = 16) =>
  new Timeline(machine, initial, arraySource(events), { checkpointEvery: every });

describe("bisect", () => {
  it("finds the exact first event of a monotone state predicate (property, against a linear scan)", () => {
    fc.assert(
      fc.property(
        slotEvents(400),
        fc.integer({ min: 0, max: 64 }),
        fc.integer({ min: 1, max: 40 }),
        (events, n, every) => {
          const predicate = parsePredicate(`expr:state.clock >= ${n}`);
          const result = bisect(timeline(events, every), predicate);
          const linear = n === 0 ? undefined : n <= events.length ? n - 1 : undefined;
          expect(result.holdsInitially).toBe(n === 0);
          expect(result.index).toBe(linear);
          expect(result.monotone).toBe(true);
        },
      ),
    );
  });

  it("bisects an invariant broken by a planted bug in O(log K) probes", () => {
    const leaky = machine.init({ slots: 64, leak: true });
    const events: SlotsEvent[] = [
      ...Array.from({ length: 60 }, () => ({ op: "take" }) as const),
      ...Array.from({ length: 300 }, (_, i): SlotsEvent =>
        i === 137 ? { op: "give", slot: 41 } : { op: "tick" },
      ),
    ];
    const tl = new Timeline(machine, leaky, arraySource(events), { checkpointEvery: 64 });
    const result = bisect(tl, parsePredicate("invariant:free-count"));
    expect(result.index).toBe(197);
    expect(result.probes).toBeLessThanOrEqual(6);
  });

  it("says when a predicate is not monotone and lists the flips", () => {
    const events: SlotsEvent[] = [
      ...Array.from({ length: 40 }, () => ({ op: "take" }) as const),
      ...Array.from({ length: 40 }, (_, i) => ({ op: "give", slot: i }) as const),
      ...Array.from({ length: 40 }, () => ({ op: "take" }) as const),
    ];
    const result = bisect(timeline(events, 8), parsePredicate("expr:state.free < 30"));
    expect(result.monotone).toBe(false);
    expect(result.index).toBe(34);
    expect(result.flips).toEqual([
      { index: 34, holds: true },
      { index: 45, holds: false },
      { index: 114, holds: true },
    ]);
    const check = new Replayer(machine, initial);
    const test = stateTest(machine, parsePredicate("expr:state.free < 30"));
    const flips: number[] = [];
    let last = false;
    events.forEach((e, i) => {
      check.apply(e);
      const now = test(check.peek());
      if (now !== last) flips.push(i);
      last = now;
    });
    expect(flips).toEqual([34, 45, 114]);
  });

  it("finds event predicates in one pass", () => {
    const events: SlotsEvent[] = [
      ...Array.from({ length: 70 }, () => ({ op: "take" }) as const),
      { op: "boom" },
    ];
    expect(bisect(timeline(events), parsePredicate("outcome:FULL")).index).toBe(64);
    expect(bisect(timeline(events), parsePredicate("outcome:take=FULL")).index).toBe(64);
    expect(bisect(timeline(events), parsePredicate("panic")).index).toBe(70);
    expect(bisect(timeline(events), parsePredicate("outcome:BAD")).index).toBeUndefined();
  });

  it("bisects divergence against recorded outcomes and against a second config", () => {
    const events = Array.from({ length: 70 }, (): SlotsEvent => ({ op: "take" }));
    const recorded = new Replayer(machine, machine.init({ slots: 60, leak: false }));
    const outcomes = events.map((e) => recorded.apply(e));
    expect(bisect(timeline(events), { kind: "divergence" }, { recordedOutcomes: outcomes }).index).toBe(60);
    const against = machine.init({ slots: 62, leak: false });
    expect(bisect(timeline(events), { kind: "divergence" }, { against }).index).toBe(62);
  });

  it("parses predicates and rejects nonsense", () => {
    expect(parsePredicate("invariant")).toEqual({ kind: "invariant" });
    expect(parsePredicate("outcome:ram.alloc=KErrNoMemory")).toEqual({
      kind: "outcome",
      op: "ram.alloc",
      code: "KErrNoMemory",
    });
    expect(() => parsePredicate("sometimes")).toThrow(/cannot read predicate/);
    expect(() => stateTest(machine, parsePredicate("invariant:nope"))).toThrow(/no invariant named nope/);
    expect(() => stateTest(machine, parsePredicate("expr:)("))).toThrow(/cannot compile/);
  });
});

describe("bisect after every event", () => {
  it("catches a predicate that holds only between two checkpoints", () => {
    const events: SlotsEvent[] = [
      ...Array.from({ length: 40 }, (): SlotsEvent => ({ op: "take" })),
      { op: "give", slot: 3 },
      { op: "take" },
    ];
    const brief = parsePredicate("expr:state.free === 25");
    expect(bisect(timeline(events, 64), brief).index).toBeUndefined();
    const exact = bisect(timeline(events, 64), brief, { everyEvent: true });
    expect(exact.index).toBe(38);
    expect(exact.flips).toEqual([
      { index: 38, holds: true },
      { index: 39, holds: false },
      { index: 40, holds: true },
      { index: 41, holds: false },
    ]);
    expect(exact.monotone).toBe(false);
  });
});
