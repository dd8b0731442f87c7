import type { Outcome } from "@pagefold/engine";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ChunkBuilder, decodeChunk } from "../src/chunk-codec.js";
import { decodeOutcome, encodeOutcome } from "../src/outcome-codec.js";
import { encodeEvent, restoreOps } from "../src/event-codec.js";
import { StringTable } from "../src/string-table.js";
import { digest, event, outcome } from "./support/arbitraries.js";

describe("event codec", () => {
  it("decode(encode(event)) is the event, key order included", () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 20 }), (events) => {
        const ops = new StringTable();
        const stored = events.map((e) => encodeEvent(e, ops));
        expect(restoreOps(stored, ops.strings)).toBe(-1);
        expect(stored).toEqual(events);
        stored.forEach((s, i) => expect(Object.keys(s)).toEqual(Object.keys(events[i]!)));
      }),
    );
  });

  it("writes each op once per table", () => {
    const ops = new StringTable();
    expect(encodeEvent({ op: "ram.free", pfn: 3, pages: 1 }, ops)).toEqual({ op: 0, pfn: 3, pages: 1 });
    expect(encodeEvent({ op: "ram.alloc", pages: 1 }, ops)).toEqual({ op: 1, pages: 1 });
    expect(encodeEvent({ op: "ram.free", pfn: 4, pages: 1 }, ops)).toEqual({ op: 0, pfn: 4, pages: 1 });
    expect(ops.strings).toEqual(["ram.free", "ram.alloc"]);
  });

  it.each([
    [null, ""],
    [[1], ""],
    [new Date(0), ""],
    [{ pages: 1 }, "op"],
    [{ op: 7 }, "op"],
    [{ op: "x", when: undefined }, "when"],
    [{ op: "x", f: () => 1 }, "f"],
    [{ op: "x", n: 10n }, "n"],
    [{ op: "x", m: new Map() }, "m"],
    [{ op: "x", s: "\ud800" }, "s"],
    [JSON.parse('{"op":"x","__proto__":{"a":1}}') as unknown, "__proto__"],
    [{ op: "x", deep: nest(64) }, "deep" + ".a".repeat(63)],
  ])("refuses bad event %#", (value, path) => {
    expect(() => encodeEvent(value, new StringTable())).toThrow(expect.objectContaining({ path }) as Error);
  });

  it("accepts nesting up to 64 levels", () => {
    expect(() => encodeEvent({ op: "x", deep: nest(63) }, new StringTable())).not.toThrow();
  });
});

describe("outcome codec", () => {
  it("decode(encode(outcome)) is the outcome", () => {
    fc.assert(
      fc.property(fc.array(outcome, { maxLength: 20 }), (outcomes) => {
        const codes = new StringTable();
        const stored = outcomes.map((o) => encodeOutcome(o, codes));
        expect(stored.map((s) => decodeOutcome(s, codes.strings))).toEqual(outcomes);
      }),
    );
  });

  it("stores the common answers in one or two bytes' worth", () => {
    const codes = new StringTable();
    expect(encodeOutcome({ ok: true }, codes)).toBe(true);
    expect(encodeOutcome({ ok: true, value: { pfn: 7 } }, codes)).toEqual({ pfn: 7 });
    expect(encodeOutcome({ ok: false, code: "KErrNoMemory" }, codes)).toBe(0);
    expect(encodeOutcome({ ok: true, value: "AS_PF_OK" }, codes)).toEqual([0, "AS_PF_OK"]);
    expect(encodeOutcome({ ok: true, value: undefined }, codes)).toBe(true);
  });

  it.each([
    [{ ok: true, extra: 1 }, "outcome.extra"],
    [{ ok: "yes" }, "outcome.ok"],
    [{ ok: false }, "outcome.code"],
    [{ ok: false, code: "E", message: 3 }, "outcome.message"],
    [{ ok: true, effects: [{ what: 1 }] }, "outcome.effects[0]"],
    [{ ok: true, effects: {} }, "outcome.effects"],
    [{ ok: true, value: { v: undefined } }, "outcome.value.v"],
  ])("refuses %j, naming %j", (value, path) => {
    expect(() => encodeOutcome(value as Outcome, new StringTable())).toThrow(
      expect.objectContaining({ path }) as Error,
    );
  });

  it.each([
    [false],
    [null],
    ["x"],
    [7],
    [-1],
    [1.5],
    [[9]],
    [[0, { a: 1 }]],
    [[1, [1]]],
    [[3, 0, 5]],
    [[5, 0, "m"]],
  ])("rejects the malformed stored form %j", (stored) => {
    expect(decodeOutcome(stored, ["E"])).toBeUndefined();
  });
});

describe("events chunk", () => {
  const chunkContent = fc.record({
    first: fc.nat({ max: 2 ** 40 }),
    entries: fc.array(fc.tuple(event, outcome), { maxLength: 40 }),
    checkpointDigests: fc.array(digest, { maxLength: 3 }),
    hasOutcomes: fc.boolean(),
  });

  it("decode(encode(chunk)) gives back events, outcomes and checkpoints", () => {
    fc.assert(
      fc.property(chunkContent, ({ first, entries, checkpointDigests, hasOutcomes }) => {
        const builder = new ChunkBuilder(first, hasOutcomes);
        for (const [e, o] of entries) builder.add(e, hasOutcomes ? o : undefined);
        const checkpoints = checkpointDigests
          .map((d, i) => ({ index: first + i * 2, digest: d }))
          .filter((c) => c.index <= first + entries.length);
        checkpoints.forEach((c) => builder.addCheckpoint(c));
        const count = entries.length;
        const decoded = decodeChunk(builder.payload(), { first, count, hasOutcomes }, { byteOffset: 9 });
        expect(decoded.events).toEqual(entries.map(([e]) => e));
        expect(decoded.outcomes).toEqual(hasOutcomes ? entries.map(([, o]) => o) : undefined);
        expect(decoded.checkpoints).toEqual(checkpoints);
      }),
      { numRuns: 60 },
    );
  });

  it("a chunk decodes alone: record definitions never leak between chunks", () => {
    const shapes = Array.from({ length: 150 }, (_, i) => ({ op: "x", [`f${i}`]: i, [`g${i % 7}`]: "v" }));
    const a = new ChunkBuilder(0, false);
    const b = new ChunkBuilder(150, false);
    shapes.forEach((e) => a.add(e));
    shapes.forEach((e) => b.add(e));
    const onlyB = decodeChunk(b.payload(), { first: 150, count: 150, hasOutcomes: false }, {});
    expect(onlyB.events).toEqual(shapes);
  });

  it("rejects a body whose event count or outcome column disagrees with its header", () => {
    const builder = new ChunkBuilder(0, true);
    builder.add({ op: "tick" }, { ok: true });
    const payload = builder.payload();
    expect(() => decodeChunk(payload, { first: 0, count: 2, hasOutcomes: true }, {})).toThrow(
      /holds 1 events/,
    );
    expect(() => decodeChunk(payload, { first: 0, count: 1, hasOutcomes: false }, {})).toThrow(
      /carries outcomes/,
    );
  });
});

function nest(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}
