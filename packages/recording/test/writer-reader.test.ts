import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { RecordingReader, RecordingWriter, verifyRecording } from "../src/index.js";
import { testHeader } from "./support/header.js";
import { runScript, writerScript, type Written } from "./support/streams.js";

const dir = mkdtempSync(join(tmpdir(), "pfr-rw-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Everything a reader gives back equals what was written. */
function expectReadsBack(reader: RecordingReader, written: Written, hasOutcomes: boolean): void {
  expect(reader.eventCount).toBe(written.events.length);
  expect(reader.length).toBe(written.events.length);
  expect([...reader.events()]).toEqual(written.events);
  const entries = [...reader.entries()];
  expect(entries.map((e) => e.index)).toEqual(written.events.map((_, i) => i));
  expect(entries.map((e) => e.outcome)).toEqual(
    hasOutcomes ? written.outcomes : written.events.map(() => undefined),
  );
  expect(reader.checkpoints()).toEqual(written.checkpoints);
  expect([...reader.digests()]).toEqual(written.checkpoints.map((c) => [c.index, c.digest]));
  const snapshots = reader.snapshots();
  expect(snapshots.map((s) => ({ index: s.index, digest: s.digest, state: s.load() }))).toEqual(
    written.snapshots,
  );
  written.events.forEach((event, i) => {
    expect(reader.eventAt(i)).toEqual(event);
    expect(reader.outcomeAt(i)).toEqual(hasOutcomes ? written.outcomes[i] : undefined);
  });
}

describe("writer and reader", () => {
  it("read back exactly what was written, in memory and recovered", () => {
    fc.assert(
      fc.property(writerScript, (script) => {
        const written = runScript(script);
        expectReadsBack(RecordingReader.fromBuffer(written.bytes), written, script.hasOutcomes);
        const recovered = RecordingReader.fromBuffer(written.bytes, { recover: true });
        expect(recovered.complete).toBe(true);
        expect(recovered.damage).toBeUndefined();
        expectReadsBack(recovered, written, script.hasOutcomes);
        expect(verifyRecording(written.bytes)).toMatchObject({ ok: true, events: written.events.length });
      }),
      { numRuns: 60 },
    );
  });

  it("seek then read equals reading linearly", () => {
    fc.assert(
      fc.property(writerScript, fc.nat(), fc.nat(), (script, a, b) => {
        const written = runScript(script);
        const reader = RecordingReader.fromBuffer(written.bytes, { cacheChunks: 1 });
        const n = written.events.length;
        const [from, to] = [a % (n + 1), b % (n + 1)].sort((x, y) => x - y) as [number, number];
        expect([...reader.read(from, to)]).toEqual(written.events.slice(from, to));
        expect([...reader.entries(from, to)].map((e) => e.index)).toEqual(
          written.events.slice(from, to).map((_, i) => from + i),
        );
        for (let i = n - 1; i >= 0; i -= 3) expect(reader.eventAt(i)).toEqual(written.events[i]);
      }),
      { numRuns: 60 },
    );
  });

  it("reads a file written with synchronous appends", () => {
    const path = join(dir, "file.pfr");
    const writer = RecordingWriter.create(path, testHeader({ chunkEvents: 4 }));
    const events = Array.from({ length: 30 }, (_, i) => ({ op: "ram.free", pfn: i, pages: 1 }));
    events.forEach((e, i) =>
      writer.append(e, i % 3 === 0 ? { ok: false, code: "KErrArgument" } : { ok: true }),
    );
    writer.digest(30, "00000000000000ff");
    writer.close();
    writer.close();
    const reader = RecordingReader.open(path);
    expect(reader.chunks.map((c) => c.eventCount)).toEqual([4, 4, 4, 4, 4, 4, 4, 2]);
    expect([...reader.events(28)]).toEqual(events.slice(28));
    expect(reader.outcomeAt(3)).toEqual({ ok: false, code: "KErrArgument" });
    expect(reader.digests().get(30)).toBe("00000000000000ff");
    reader.close();
    expect(verifyRecording(path)).toMatchObject({ ok: true, complete: true, events: 30, chunks: 8 });
  });

  it("stores engine StateDigests with their parts", () => {
    const writer = RecordingWriter.inMemory(testHeader({ hasOutcomes: false }));
    const state = { ram: { free: [1, 2, 3] } };
    const digest = { combined: "0123456789abcdef", parts: { ram: "fedcba9876543210" } };
    writer.append({ op: "tick" });
    writer.digest(1, digest);
    writer.snapshot(1, state, digest);
    writer.close();
    const reader = RecordingReader.fromBuffer(writer.toBuffer());
    expect(reader.checkpoints()).toEqual([{ index: 1, digest: digest.combined, parts: digest.parts }]);
    expect(reader.snapshots()).toMatchObject([{ index: 1, digest: digest.combined, parts: digest.parts }]);
    expect(reader.snapshots()[0]?.load()).toEqual(state);
  });
});

describe("the reader's validator", () => {
  const written = runScript({
    steps: Array.from({ length: 10 }, (_, i) => ({
      kind: "append" as const,
      event: i === 7 ? { op: "ram.alloc", pages: "one" } : { op: "ram.alloc", pages: 1 },
      outcome: { ok: true },
    })),
    chunkEvents: 4,
    hasOutcomes: true,
  });
  const validate = (input: unknown) => {
    const pages = (input as { pages?: unknown }).pages;
    return Number.isInteger(pages)
      ? { ok: true as const, value: input as { op: "ram.alloc"; pages: number } }
      : { ok: false as const, path: "pages", message: "must be an integer" };
  };

  it("names the event index, the chunk's byte offset and the field", () => {
    const reader = RecordingReader.fromBuffer(written.bytes, { validate });
    expect([...reader.events(0, 4)]).toHaveLength(4);
    const offset = reader.chunks[1]!.offset;
    expect(() => [...reader.events()]).toThrow(
      expect.objectContaining({
        code: "PFOLD_INPUT_INVALID",
        where: { byteOffset: offset, eventIndex: 7, field: "pages" },
        message: `ram.alloc: must be an integer (byte offset ${offset}, event 7, field pages)`,
      }) as Error,
    );
    expect(() => reader.eventAt(5)).toThrow(/event 7/);
    expect(verifyRecording(written.bytes, { validate })).toMatchObject({
      ok: false,
      events: 4,
      damage: { byteOffset: offset, eventIndex: 7 },
    });
  });
});

describe("writer input checks", () => {
  const writer = () => RecordingWriter.inMemory(testHeader({ chunkEvents: 2 }));

  it("refuses unrecordable events with the event index and field, appending nothing", () => {
    const w = writer();
    w.append({ op: "tick" }, { ok: true });
    expect(() => w.append({ op: "ram.alloc", pages: undefined } as never, { ok: true })).toThrow(
      expect.objectContaining({
        code: "PFOLD_INPUT_INVALID",
        where: { eventIndex: 1, field: "pages" },
      }) as Error,
    );
    expect(() => w.append({ op: "tick" }, { ok: true, value: new Set() })).toThrow(/outcome.value/);
    expect(w.eventCount).toBe(1);
    w.close();
    expect(RecordingReader.fromBuffer(w.toBuffer()).eventCount).toBe(1);
  });

  it("refuses misuse", () => {
    const w = writer();
    expect(() => w.append({ op: "tick" })).toThrow(TypeError);
    w.append({ op: "tick" }, { ok: true });
    w.digest(1, "0000000000000000");
    expect(() => w.digest(1, "0000000000000001")).toThrow(RangeError);
    expect(() => w.digest(5, "0000000000000001")).toThrow(RangeError);
    expect(() => w.digest(2, "xyz")).toThrow(TypeError);
    expect(() => w.snapshot(2, {}, "0000000000000000")).toThrow(RangeError);
    expect(() => w.snapshot(1, { f: () => 1 }, "0000000000000000")).toThrow(/state.f/);
    w.close();
    expect(() => w.append({ op: "tick" }, { ok: true })).toThrow(/closed/);
    expect(() =>
      RecordingWriter.inMemory(testHeader({ hasOutcomes: false })).append({ op: "t" }, { ok: true }),
    ).toThrow(TypeError);
  });

  it("checks the header", () => {
    expect(() => RecordingWriter.inMemory(testHeader({ machine: "" }))).toThrow(/machine/);
    expect(() => RecordingWriter.inMemory(testHeader({ chunkEvents: 0 }))).toThrow(/chunkEvents/);
    expect(() => RecordingWriter.inMemory(testHeader({ config: { a: undefined } }))).toThrow(/config.a/);
    expect(() => RecordingWriter.inMemory(testHeader({ meta: { when: new Date() } }))).toThrow(/meta.when/);
    const header = RecordingWriter.inMemory(
      testHeader({ createdAt: "2024-01-01T00:00:00Z", variant: "2010" }),
    ).header;
    expect(header).toMatchObject({ format: 1, chunkEvents: 4096, hasOutcomes: true, variant: "2010" });
  });
});
