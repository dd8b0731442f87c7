import { describe, expect, it } from "vitest";
import { compareRuns, err, ok, Replayer, verifiedGood, verifyRun, type Outcome } from "../src/index.js";
import { slots as machine, type SlotsEvent } from "./slots.js";

const initial = machine.init({ slots: 64, leak: false });
const leaky = machine.init({ slots: 64, leak: true });
const takes = (n: number): SlotsEvent[] => Array.from({ length: n }, () => ({ op: "take" }));

function record(events: SlotsEvent[]) {
  const r = new Replayer(machine, initial);
  return events.map((event) => ({ event, outcome: r.apply(event) }));
}

describe("verifyRun", () => {
  it("accepts a faithful recording and counts outcome codes", () => {
    const entries = record([...takes(70), { op: "give", slot: 3 }, { op: "give", slot: 3 }]);
    const report = verifyRun(machine, initial, entries, { checkpointEvery: 8 });
    expect(verifiedGood(report)).toBe(true);
    expect(report.codes).toEqual({ ok: 65, FULL: 6, BAD: 1 });
    expect(report.outcomesChecked).toBe(72);
  });

  it("names the first divergent event, both outcomes and what the event changed", () => {
    const entries = record(takes(20));
    const tampered = entries.map((e, i) => (i === 13 ? { ...e, outcome: ok({ slot: 99 }) } : e));
    const report = verifyRun(machine, initial, tampered, { checkpointEvery: 5 });
    expect(report.divergence?.index).toBe(13);
    expect(report.divergence?.expected).toEqual(ok({ slot: 99 }));
    expect(report.divergence?.actual).toEqual(ok({ slot: 13 }));
    expect(report.divergence?.changed).toEqual([
      { path: "clock", left: 13, right: 14 },
      { path: "free", left: 51, right: 50 },
      { path: "taken.13", left: undefined, right: 13 },
    ]);
    expect(report.events).toBe(14);
  });

  it("checks invariants at checkpoints, or after every event", () => {
    const events = [...takes(50), { op: "give", slot: 45 }, ...takes(3)].map(
      (event) => ({ event }) as { event: SlotsEvent },
    );
    const report = verifyRun(machine, leaky, events, { checkpointEvery: 4 });
    expect(report.violation?.index).toBe(52);
    expect(report.violation?.violations[0]?.invariant).toBe("free-count");
    expect(verifyRun(machine, leaky, events, { invariants: "every-event" }).violation?.index).toBe(51);
  });

  it("checks recorded digests", () => {
    const events = takes(60).map((event) => ({ event }));
    const digests = new Map([[52, "0000000000000000"]]);
    const report = verifyRun(machine, initial, events, { digests, invariants: "none" });
    expect(report.digestMismatch).toMatchObject({ index: 52, expected: "0000000000000000" });
  });

  it("reports a panic as bad", () => {
    const report = verifyRun(machine, initial, record([{ op: "take" }, { op: "boom" }, { op: "take" }]));
    expect(report.panic).toMatchObject({ index: 1, message: "boom" });
    expect(verifiedGood(report)).toBe(false);
  });

  it("ignores human messages when comparing outcomes", () => {
    const entries = [
      { event: { op: "give", slot: 1 } as SlotsEvent, outcome: err("BAD", "worded differently") as Outcome },
    ];
    expect(verifiedGood(verifyRun(machine, initial, entries))).toBe(true);
  });
});

describe("compareRuns", () => {
  it("finds an outcome divergence at the exact event", () => {
    const report = compareRuns(machine, initial, machine.init({ slots: 50, leak: false }), takes(60));
    expect(report.divergence).toMatchObject({
      index: 50,
      kind: "outcome",
      left: { ok: true, value: { slot: 50 } },
      right: { ok: false, code: "FULL" },
    });
  });

  it("narrows a silent state divergence to the exact event between checkpoints", () => {
    const events: SlotsEvent[] = [
      ...takes(50),
      { op: "give", slot: 30 },
      { op: "give", slot: 44 },
      ...takes(5),
    ];
    const report = compareRuns(machine, initial, leaky, events, { checkpointEvery: 16 });
    expect(report.divergence).toMatchObject({
      index: 51,
      kind: "state",
      left: { ok: true },
      right: { ok: true },
    });
    expect(report.divergence?.stateDiff).toEqual([{ path: "free", left: 16, right: 15 }]);
  });

  it("agrees with itself", () => {
    const report = compareRuns(machine, initial, initial, takes(100), { checkpointEvery: 7 });
    expect(report.divergence).toBeUndefined();
    expect(report.leftDigest).toBe(report.rightDigest);
  });
});
