import { describe, expect, it } from "vitest";
import {
  diffValues,
  digestOf,
  formatDiff,
  PagefoldError,
  Replayer,
  restoreSnapshot,
  takeSnapshot,
  withLocation,
} from "../src/index.js";
import { slots as machine } from "./slots.js";

const config = { slots: 64, leak: false };
const initial = machine.init(config);

describe("snapshots", () => {
  it("round-trip a state and start a replay from it", () => {
    const r = new Replayer(machine, initial);
    for (let i = 0; i < 10; i++) r.apply({ op: "take" });
    const snap = JSON.parse(JSON.stringify(takeSnapshot(machine, config, 10, r.peek()))) as ReturnType<
      typeof takeSnapshot
    >;
    const restored = restoreSnapshot(machine, snap);
    const resumed = new Replayer(machine, restored, 10);
    expect(resumed.apply({ op: "take" })).toEqual({ ok: true, value: { slot: 10 } });
  });

  it("reject a tampered or foreign snapshot", () => {
    const snap = takeSnapshot(machine, config, 0, initial);
    expect(() => restoreSnapshot(machine, { ...snap, state: { ...initial, free: 3 } })).toThrow(
      PagefoldError,
    );
    expect(() => restoreSnapshot(machine, { ...snap, state: { nonsense: true } })).toThrow(
      /not a valid state/,
    );
    expect(() => restoreSnapshot(machine, { ...snap, machine: "other" })).toThrow(/snapshot is for other/);
  });
});

describe("digests", () => {
  it("do not depend on key order, do depend on values and array order", () => {
    expect(digestOf({ a: 1, b: [1, 2] })).toBe(digestOf({ b: [1, 2], a: 1 }));
    expect(digestOf({ a: 1, b: [1, 2] })).not.toBe(digestOf({ a: 1, b: [2, 1] }));
    expect(digestOf([1.5, "x", null, true])).not.toBe(digestOf([1.25, "x", null, true]));
    // -0 and 0 are one value in a canonical state (JSON and msgpack round trips agree)
    expect(digestOf([-0])).toBe(digestOf([0]));
    expect(digestOf({ a: 1 })).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("diffs and messages", () => {
  it("list what changed in readable paths", () => {
    const lines = formatDiff(
      diffValues(
        { blocks: { 10: { pages: 1 }, 2: { pages: 4 } } },
        { blocks: { 2: { pages: 4 }, 10: { pages: 2 } }, x: 1 },
      ),
    );
    expect(lines).toEqual(["blocks.10.pages: 1 → 2", "x: (absent) → 1"]);
  });

  it("name where the input is wrong", () => {
    expect(withLocation("bad", { file: "a.pfr", byteOffset: 12, eventIndex: 3 })).toBe(
      "a.pfr: bad (byte offset 12, event 3)",
    );
    expect(withLocation("bad", { file: "s.jsonl", line: 7, field: "pages" })).toBe(
      "s.jsonl:7: bad (field pages)",
    );
  });
});
