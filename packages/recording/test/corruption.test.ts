import { PagefoldError } from "@pagefold/engine";
import { crc32 } from "node:zlib";
import fc from "fast-check";
import { Packr } from "msgpackr";
import { describe, expect, it } from "vitest";
import { RecordingReader, verifyRecording } from "../src/index.js";
import { FRAME_HEADER_BYTES } from "../src/frame.js";
import { TRAILER_BYTES } from "../src/trailer.js";
import { ramStream } from "./support/ram-stream.js";
import { hex, hostileFrame, recordingWith } from "./support/hostile.js";
import { runScript, type WriterStep, type Written } from "./support/streams.js";

/** Runs `read` and accepts only success or a PagefoldError. */
function onlyPagefoldErrors(read: () => unknown): PagefoldError | undefined {
  try {
    read();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(PagefoldError);
    return error as PagefoldError;
  }
}

/** Reads everything a reader offers, as a consumer would. */
function readAll(bytes: Uint8Array, recover: boolean): unknown[] {
  const reader = RecordingReader.fromBuffer(bytes, { recover });
  reader.snapshots().forEach((s) => s.load());
  reader.checkpoints();
  return [...reader.entries()];
}

const written: Written = runScript({
  steps: [...ramStream(60, 11, 128)].flatMap(([event, outcome], i): WriterStep[] =>
    i % 20 === 19
      ? [
          { kind: "append", event, outcome },
          { kind: "digest", digest: "0123456789abcdef" },
          { kind: "snapshot", state: { at: i, frames: [1, 2, 3] }, digest: "fedcba9876543210" },
        ]
      : [{ kind: "append", event, outcome }],
  ),
  chunkEvents: 8,
  hasOutcomes: true,
});
const chunks = RecordingReader.fromBuffer(written.bytes).chunks;

describe("damaged recordings", () => {
  it("survive random bit flips: recovered events are exactly those of chunks before the damage", () => {
    fc.assert(
      fc.property(
        // distinct bits: flipping one bit twice would leave the file intact
        fc.uniqueArray(fc.nat({ max: written.bytes.length * 8 - 1 }), { minLength: 1, maxLength: 3 }),
        (bits) => {
          const bytes = Buffer.from(written.bytes);
          for (const bit of bits) bytes[bit >> 3]! ^= 1 << (bit & 7);
          const firstByte = Math.min(...bits) >> 3;
          const before = chunks.filter(
            (c) => c.offset + FRAME_HEADER_BYTES + bytes.readUInt32LE(c.offset + 4) <= firstByte,
          );
          const intact = before.length === 0 ? 0 : before.at(-1)!.firstEvent + before.at(-1)!.eventCount;
          onlyPagefoldErrors(() => readAll(bytes, false));
          const error = onlyPagefoldErrors(() => {
            const report = verifyRecording(bytes);
            expect(report.ok).toBe(false);
            expect(report.events).toBeGreaterThanOrEqual(intact);
            expect(report.damage?.byteOffset).toBeLessThanOrEqual(firstByte);
            const reader = RecordingReader.fromBuffer(bytes, { recover: true });
            expect(reader.eventCount).toBe(report.events);
            expect([...reader.events()]).toEqual(written.events.slice(0, report.events));
          });
          if (error !== undefined)
            expect(firstByte).toBeLessThan(4 + FRAME_HEADER_BYTES + bytes.readUInt32LE(8));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("garbage is rejected with PagefoldErrors only", () => {
    const start = fc.constantFrom(hex(""), hex("50465201"), written.bytes.subarray(0, 200));
    fc.assert(
      fc.property(start, fc.uint8Array({ maxLength: 300 }), (prefix, garbage) => {
        const bytes = Buffer.concat([prefix, garbage]);
        onlyPagefoldErrors(() => readAll(bytes, false));
        onlyPagefoldErrors(() => readAll(bytes, true));
        onlyPagefoldErrors(() => expect(verifyRecording(bytes).ok).toBe(false));
      }),
      { numRuns: 300 },
    );
  });

  it("an empty file or another format is named as such", () => {
    expect(verifyRecording(hex(""))).toMatchObject({ ok: false, events: 0, damage: { byteOffset: 0 } });
    expect(() => RecordingReader.fromBuffer(hex(""))).toThrow(/empty file/);
    expect(() => RecordingReader.fromBuffer(Buffer.from('{"op":"tick"}\n'))).toThrow(/no PFR magic/);
    const future = Buffer.from(written.bytes);
    future[3] = 2;
    expect(() => RecordingReader.fromBuffer(future)).toThrow(
      expect.objectContaining({ code: "PFOLD_RECORDING_INCOMPATIBLE" }) as Error,
    );
  });

  it("a damaged trailer or index costs no events in recover mode", () => {
    const size = written.bytes.length;
    const indexOffset = written.bytes.readUInt32LE(size - TRAILER_BYTES + 4);
    for (const at of [
      size - 1,
      size - TRAILER_BYTES,
      indexOffset + 2,
      indexOffset + FRAME_HEADER_BYTES + 3,
    ]) {
      const bytes = Buffer.from(written.bytes);
      bytes[at]! ^= 0x40;
      expect(() => RecordingReader.fromBuffer(bytes)).toThrow(PagefoldError);
      const report = verifyRecording(bytes);
      expect(report).toMatchObject({ ok: false, complete: false, events: 60 });
      expect(report.damage?.byteOffset).toBeGreaterThanOrEqual(indexOffset);
      expect(readAll(bytes, true)).toHaveLength(60);
    }
  });
});

describe("hostile frames with valid CRCs", () => {
  const chunkAt = 4 + FRAME_HEADER_BYTES + recordingWith([]).readUInt32LE(8);
  const frameHeader = (patch: (header: Buffer) => void): Buffer => {
    const frame = hostileFrame("PFCE", hex("c0"), 0, 1);
    patch(frame);
    frame.writeUInt32LE(crc32(frame.subarray(0, 24)), 24);
    return frame;
  };

  it.each([
    [
      "a payload length of 0xFFFFFFFF",
      frameHeader((h) => h.writeUInt32LE(0xffffffff, 4)),
      /payload length 4294967295/,
    ],
    [
      "an event count of 0xFFFFFFFF",
      frameHeader((h) => h.writeUInt32LE(0xffffffff, 20)),
      /chunk of 4294967295 events/,
    ],
    ["an event index past 2^53", frameHeader((h) => h.writeUInt32LE(0xffffffff, 16)), /exceeds 2\^53/],
    ["a payload past the end", frameHeader((h) => h.writeUInt32LE(60_000_000, 4)), /truncated PFCE frame/],
    ["an unknown frame type", frameHeader((h) => h.write("PFXX", 0, "latin1")), /unknown frame type/],
    ["100,000 nested arrays", hostileFrame("PFCE", Buffer.alloc(100_000, 0x91), 0, 1), /nesting deeper/],
    [
      "an array of 2^32-1 events",
      hostileFrame("PFCE", hex("82 a3 6f7073 90 a6 6576656e7473 dd ffffffff"), 0, 1),
      /exceeds/,
    ],
    ["a Date", hostileFrame("PFCE", hex("d6 ff 00 00 00 00"), 0, 1), /not plain data/],
    [
      "an op index out of range",
      hostileFrame("PFCE", body({ ops: ["x"], events: [{ op: 3 }] }), 0, 1),
      /malformed event/,
    ],
  ])("rejects %s, naming the byte offset", (_name, frame, message) => {
    const bytes = recordingWith([frame]);
    const report = verifyRecording(bytes);
    expect(report).toMatchObject({ ok: false, events: 0, damage: { byteOffset: chunkAt, eventIndex: 0 } });
    expect(report.damage?.message).toMatch(message);
    const reader = RecordingReader.fromBuffer(bytes, { recover: true });
    onlyPagefoldErrors(() => [...reader.events()]);
  });

  it("keeps __proto__ keys in recorded events inert", () => {
    const bytes = recordingWith([
      hostileFrame(
        "PFCE",
        body(
          JSON.parse(
            '{"ops":["x"],"events":[{"op":0,"__proto__":{"polluted":true}}],"codes":[],"outcomes":[true]}',
          ),
        ),
        0,
        1,
      ),
    ]);
    const [event] = [...RecordingReader.fromBuffer(bytes, { recover: true }).events()];
    expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
    expect(Object.keys(event!)).toEqual(["op", "__proto_"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

/** Msgpack (plain maps, no records) of any chunk body, so it may say anything. */
function body(value: unknown): Buffer {
  return new Packr({ useRecords: false }).pack(value);
}

describe("regressions found by the properties above", () => {
  it("the same bit flipped twice leaves a file that verifies intact (seed -1546890267, [[6,6]])", () => {
    const bytes = Buffer.from(written.bytes);
    bytes[0]! ^= 1 << 6;
    bytes[0]! ^= 1 << 6;
    expect(verifyRecording(bytes).ok).toBe(true);
  });
});
