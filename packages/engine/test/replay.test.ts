import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arraySource, Cursor, deepEqual, Replayer, step, Timeline, type Outcome } from "../src/index.js";
import { slotEvents } from "./arbitraries.js";
import { slots as machine, type SlotsState } from "./slots.js";

const initial = machine.init({ slots: 64, leak: false });

function stepwise(events: Parameters<typeof machine.reduce>[1][]) {
  let state: SlotsState = initial;
  const outcomes: Outcome[] = [];
  const digests: string[] = [];
  for (const e of events) {
    const [next, outcome] = step(machine, state, e);
    state = next;
    outcomes.push(outcome);
    digests.push(machine.digest(state).combined);
  }
  return { state, outcomes, digests };
}

describe("stepping and bulk replay", () => {
  it("step leaves the previous state untouched and shares unchanged parts", () => {
    const [a] = step(machine, initial, { op: "take" });
    const [b] = step(machine, a, { op: "take" });
    expect(initial.free).toBe(64);
    expect(a.free).toBe(63);
    expect(b.free).toBe(62);
    expect(b.used[1]).toBe(a.used[1]);
    expect(Object.isFrozen(b)).toBe(true);
  });

  it("bulk replay gives identical outcomes, digests and checkpoints to stepwise (property)", () => {
    fc.assert(
      fc.property(slotEvents(), fc.integer({ min: 1, max: 50 }), (events, every) => {
        const reference = stepwise(events);
        const bulk = new Replayer(machine, initial);
        const outcomes = events.map((e) => bulk.apply(e));
        expect(outcomes).toEqual(reference.outcomes);
        expect(bulk.digest().combined).toBe(reference.digests.at(-1) ?? machine.digest(initial).combined);
        const timeline = new Timeline(machine, initial, arraySource(events), { checkpointEvery: every });
        timeline.run();
        for (const c of timeline.checkpointList()) {
          const expected = c.index === 0 ? machine.digest(initial).combined : reference.digests[c.index - 1];
          expect(machine.digest(c.state).combined).toBe(expected);
        }
        expect(deepEqual(timeline.stateAt(events.length), reference.state)).toBe(true);
      }),
    );
  });

  it("a panic halts the machine: later events answer HALTED and change nothing", () => {
    const events = [{ op: "take" }, { op: "boom" }, { op: "take" }, { op: "give", slot: 0 }] as const;
    const { outcomes, state, digests } = stepwise([...events]);
    expect(outcomes.map((o) => (o.ok ? "ok" : o.code))).toEqual(["ok", "PANIC", "HALTED", "HALTED"]);
    expect(state.panic).toBe("boom");
    expect(digests[1]).toBe(digests[3]);
  });

  it("a reducer that throws halts with INTERNAL, the same stepwise and in bulk", () => {
    const broken = {
      ...machine,
      reduce: () => {
        throw new Error("bug");
      },
    };
    const [after, outcome] = step(broken, initial, { op: "take" });
    expect(outcome).toMatchObject({ ok: false, code: "INTERNAL" });
    const bulk = new Replayer(broken, initial);
    expect(bulk.apply({ op: "take" })).toEqual(outcome);
    expect(broken.digest(bulk.peek())).toEqual(broken.digest(after));
  });
});

describe("timeline", () => {
  it("seek-then-read equals read-linearly, in any order of seeks (property)", () => {
    fc.assert(
      fc.property(slotEvents(200), fc.array(fc.nat(), { maxLength: 12 }), (events, seeks) => {
        const timeline = new Timeline(machine, initial, arraySource(events), {
          checkpointEvery: 7,
          maxCheckpoints: 4,
        });
        const linear = [machine.digest(initial).combined, ...stepwise(events).digests];
        for (const s of seeks) {
          const n = s % (events.length + 1);
          expect(machine.digest(timeline.stateAt(n)).combined).toBe(linear[n]);
        }
      }),
    );
  });

  it("thins checkpoints so memory stays bounded on long runs", () => {
    const events = Array.from({ length: 20_000 }, (_, i) =>
      i % 3 === 2 ? { op: "give" as const, slot: i % 64 } : { op: "take" as const },
    );
    const timeline = new Timeline(machine, initial, arraySource(events), {
      checkpointEvery: 10,
      maxCheckpoints: 32,
    });
    timeline.run();
    expect(timeline.checkpointList().length).toBeLessThanOrEqual(32);
    expect(timeline.checkpointEvery).toBeGreaterThanOrEqual(640);
    const indices = timeline.checkpointList().map((c) => c.index);
    expect(indices).toEqual([...indices].sort((a, b) => a - b));
  });

  it("uses stored snapshots instead of replaying from the start", () => {
    const events = Array.from({ length: 1000 }, () => ({ op: "tick" as const }));
    const stored = new Timeline(machine, initial, arraySource(events)).stateAt(900);
    const timeline = new Timeline(machine, initial, arraySource(events), {
      snapshots: { nearest: (n) => (n >= 900 ? { index: 900, load: () => stored } : undefined) },
    });
    expect(timeline.stateAt(950).clock).toBe(950);
    expect(timeline.eventsReplayed).toBe(50);
  });

  it("a cursor steps forward and back", () => {
    const events = [{ op: "take" as const }, { op: "take" as const }, { op: "give" as const, slot: 0 }];
    const cursor = new Cursor(new Timeline(machine, initial, arraySource(events), { checkpointEvery: 2 }));
    expect(cursor.forward()).toEqual({ ok: true, value: { slot: 0 } });
    expect(cursor.forward()).toEqual({ ok: true, value: { slot: 1 } });
    expect(cursor.state.free).toBe(62);
    expect(cursor.back()).toBe(true);
    expect(cursor.position).toBe(1);
    expect(cursor.state.free).toBe(63);
    cursor.seek(3);
    expect(cursor.forward()).toBeUndefined();
    expect(cursor.state.free).toBe(63);
  });
});
