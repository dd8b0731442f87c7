import { PagefoldError } from "@pagefold/engine";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RecordingReader, verifyRecording } from "../src/index.js";
import { FRAME_HEADER_BYTES } from "../src/frame.js";
import { ramStream } from "./support/ram-stream.js";
import { runScript, writerScript, type WriterStep, type Written } from "./support/streams.js";
import { event, outcome } from "./support/arbitraries.js";

/** Each events chunk's end offset and first event, from an intact recording. */
function chunkEnds(bytes: Buffer): { end: number; events: number }[] {
  const reader = RecordingReader.fromBuffer(bytes);
  return reader.chunks.map((c) => ({
    end: c.offset + FRAME_HEADER_BYTES + bytes.readUInt32LE(c.offset + 4),
    events: c.firstEvent + c.eventCount,
  }));
}

/** Events in chunks wholly inside the first `length` bytes. */
function intactEvents(ends: { end: number; events: number }[], length: number): number {
  return ends.filter((c) => c.end <= length).at(-1)?.events ?? 0;
}

/** A recover-mode reader over `bytes` gives back exactly the first `count` events written. */
function expectPrefix(bytes: Uint8Array, written: Written, count: number): void {
  const reader = RecordingReader.fromBuffer(bytes, { recover: true });
  expect(reader.eventCount).toBe(count);
  expect([...reader.events()]).toEqual(written.events.slice(0, count));
}

describe("a recording cut short", () => {
  const fixed = runScript({ steps: smallSteps(), chunkEvents: 5, hasOutcomes: true });

  it("at every byte offset: intact chunks read back, the damage is named, nothing else throws", () => {
    const ends = chunkEnds(fixed.bytes);
    expect(ends.length).toBeGreaterThan(3);
    for (let length = 0; length < fixed.bytes.length; length++) {
      const cut = fixed.bytes.subarray(0, length);
      const report = verifyRecording(cut);
      const expected = intactEvents(ends, length);
      expect(report.ok).toBe(false);
      expect(report.events).toBe(expected);
      expect(report.damage?.eventIndex).toBe(expected);
      expect(report.damage?.byteOffset).toBeLessThanOrEqual(length);
      expect(() => RecordingReader.fromBuffer(cut)).toThrow(PagefoldError);
      if (length >= 4 + FRAME_HEADER_BYTES + fixed.bytes.readUInt32LE(8)) expectPrefix(cut, fixed, expected);
    }
  });

  it("at random offsets of random recordings, likewise", () => {
    fc.assert(
      fc.property(writerScript, fc.double({ min: 0, max: 1, noNaN: true }), (script, at) => {
        const written = runScript(script);
        const length = Math.floor(at * written.bytes.length);
        const cut = written.bytes.subarray(0, length);
        const expected = intactEvents(chunkEnds(written.bytes), length);
        const report = verifyRecording(cut);
        expect(report.events).toBe(expected);
        if (report.header !== undefined) expectPrefix(cut, written, expected);
      }),
      { numRuns: 80 },
    );
  });

  it("before close: everything flushed reads back, verify names the unclosed end", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(event, outcome), { minLength: 1, maxLength: 30 }), (entries) => {
        const steps = entries.map(([e, o]) => ({ kind: "append" as const, event: e, outcome: o }));
        const written = runScript({ steps, chunkEvents: 4, hasOutcomes: true }, false);
        const flushed = entries.length - (entries.length % 4);
        expectPrefix(written.bytes, written, flushed);
        expect(verifyRecording(written.bytes)).toMatchObject({
          ok: false,
          complete: false,
          events: flushed,
          damage: { byteOffset: written.bytes.length, eventIndex: flushed },
        });
      }),
      { numRuns: 40 },
    );
  });
});

/** 40 ram events with a digest every 8 and two snapshots: about 1 KB in 9 chunks. */
function smallSteps(): WriterStep[] {
  const steps: WriterStep[] = [];
  let i = 0;
  for (const [e, o] of ramStream(40, 7, 64)) {
    steps.push({ kind: "append", event: e, outcome: o });
    if (++i % 8 === 0) steps.push({ kind: "digest", digest: i.toString(16).padStart(16, "0") });
    if (i === 12 || i === 30)
      steps.push({ kind: "snapshot", state: { free: [i, i + 1], used: null }, digest: "ab".repeat(8) });
  }
  return steps;
}
