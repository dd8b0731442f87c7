import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkCompatible, RecordingReader, RecordingWriter, verifyRecording } from "../src/index.js";
import { decodeFrameHeader, encodeFrame, FRAME_HEADER_BYTES, FRAME_TYPES } from "../src/frame.js";
import { decodeSeekIndex, encodeSeekIndex, type SeekIndex } from "../src/seek-index.js";
import { decodeTrailer, encodeTrailer, TRAILER_BYTES } from "../src/trailer.js";
import { digest } from "./support/arbitraries.js";
import { testHeader } from "./support/header.js";
import { ramStream } from "./support/ram-stream.js";
import { runScript } from "./support/streams.js";

describe("frame headers and trailers", () => {
  it("decode(encode(frame header)) is the header", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FRAME_TYPES),
        fc.uint8Array({ maxLength: 64 }),
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        fc.nat({ max: 0xffffffff }),
        (type, payload, first, count) => {
          const frame = encodeFrame(type, payload, first, count);
          expect(decodeFrameHeader(frame, 0)).toMatchObject({
            type,
            payloadLength: payload.length,
            first,
            count,
          });
          expect(frame.subarray(FRAME_HEADER_BYTES)).toEqual(Buffer.from(payload));
        },
      ),
    );
  });

  it("decode(encode(trailer)) is the index offset; any changed byte is refused", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        fc.nat({ max: TRAILER_BYTES - 1 }),
        (offset, at) => {
          const trailer = encodeTrailer(offset);
          expect(decodeTrailer(trailer)).toBe(offset);
          trailer[at]! ^= 1;
          expect(decodeTrailer(trailer)).toBeUndefined();
        },
      ),
    );
  });
});

describe("the index frame", () => {
  const seekIndex: fc.Arbitrary<SeekIndex> = fc
    .tuple(
      fc.array(fc.nat({ max: 16 }), { maxLength: 10 }),
      fc.array(fc.tuple(fc.nat(), digest), { maxLength: 4 }),
      fc.option(fc.array(digest, { maxLength: 5 }), { nil: undefined }),
    )
    .map(([counts, snaps, digests]) => {
      let first = 0;
      const chunks = counts.map((eventCount, i) => {
        const chunk = { offset: 100 + i * 50, firstEvent: first, eventCount };
        first += eventCount;
        return chunk;
      });
      const snapshots = snaps.map(([at, d], i) => ({
        offset: 1000 + i * 50,
        checkpoint: { index: first === 0 ? 0 : at % (first + 1), digest: d },
      }));
      const checkpoints = digests?.slice(0, first + 1).map((d, index) => ({ index, digest: d }));
      return { events: first, chunks, snapshots, checkpoints };
    });

  it("decode(encode(index)) is the index", () => {
    fc.assert(
      fc.property(seekIndex, (index) => {
        const bounds = {
          framesStart: 100,
          indexOffset: 5000,
          events: index.events,
          chunkCount: index.chunks.length,
          chunkEvents: 16,
        };
        expect(decodeSeekIndex(encodeSeekIndex(index), bounds, {})).toEqual(index);
      }),
    );
  });

  it("an index that lies about offsets is caught on read and by verify", () => {
    const steps = [...ramStream(20)].map(([event, outcome]) => ({ kind: "append" as const, event, outcome }));
    const written = runScript({ steps, chunkEvents: 4, hasOutcomes: true });
    const honest = RecordingReader.fromBuffer(written.bytes);
    const indexOffset = decodeTrailer(written.bytes.subarray(-TRAILER_BYTES))!;
    const chunks = honest.chunks.map((c, i) => (i === 1 ? { ...c, offset: c.offset + 1 } : c));
    const lying = encodeSeekIndex({ events: honest.eventCount, chunks, snapshots: [], checkpoints: [] });
    const bytes = Buffer.concat([
      written.bytes.subarray(0, indexOffset),
      encodeFrame("PFCI", lying, honest.eventCount, chunks.length),
      encodeTrailer(indexOffset),
    ]);
    const reader = RecordingReader.fromBuffer(bytes);
    expect(() => [...reader.events()]).toThrow(
      expect.objectContaining({
        code: "PFOLD_RECORDING_CORRUPT",
        where: { byteOffset: chunks[1]!.offset },
      }) as Error,
    );
    expect(verifyRecording(bytes).damage).toMatchObject({
      byteOffset: indexOffset,
      message: /does not match/,
    });
  });

  it("without checkpoints in the index, readers take them from the chunks", () => {
    const writer = RecordingWriter.inMemory(testHeader({ chunkEvents: 2, hasOutcomes: false }));
    for (let i = 0; i < 7; i++) {
      writer.append({ op: "tick" });
      writer.digest(i + 1, (i + 1).toString(16).padStart(16, "0"));
    }
    writer.close();
    const full = writer.toBuffer();
    const indexOffset = decodeTrailer(full.subarray(-TRAILER_BYTES))!;
    const honest = RecordingReader.fromBuffer(full);
    const index = encodeSeekIndex({
      events: 7,
      chunks: honest.chunks,
      snapshots: [],
      checkpoints: undefined,
    });
    const bytes = Buffer.concat([
      full.subarray(0, indexOffset),
      encodeFrame("PFCI", index, 7, honest.chunks.length),
      encodeTrailer(indexOffset),
    ]);
    expect(RecordingReader.fromBuffer(bytes).checkpoints()).toEqual(honest.checkpoints());
    expect(honest.checkpoints()).toHaveLength(7);
    expect(verifyRecording(bytes).ok).toBe(true);
  });

  it("an empty recording is complete and has no events", () => {
    const writer = RecordingWriter.inMemory(testHeader());
    writer.close();
    const reader = RecordingReader.fromBuffer(writer.toBuffer());
    expect(reader).toMatchObject({ eventCount: 0, complete: true, chunks: [] });
    expect([...reader.events()]).toEqual([]);
    expect(() => reader.eventAt(0)).toThrow(RangeError);
    expect(() => reader.events(0, 1)).toThrow(RangeError);
  });
});

describe("checkCompatible", () => {
  it("accepts the recorded machine and schema, refuses others", () => {
    const header = RecordingWriter.inMemory(testHeader()).header;
    expect(() => checkCompatible(header, { name: "kernel", schemaVersion: 1 })).not.toThrow();
    expect(() => checkCompatible(header, { name: "kernel", schemaVersion: 2 }, "a.pfr")).toThrow(
      expect.objectContaining({ code: "PFOLD_RECORDING_INCOMPATIBLE", where: { file: "a.pfr" } }) as Error,
    );
  });
});
