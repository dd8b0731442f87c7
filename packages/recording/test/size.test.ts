import { describe, expect, it } from "vitest";
import { RecordingReader, RecordingWriter } from "../src/index.js";
import { testHeader } from "./support/header.js";
import { ramStream } from "./support/ram-stream.js";

describe("size on disk", () => {
  it("stays under 8 bytes per ram event, outcome included", () => {
    const count = 100_000;
    const writer = RecordingWriter.inMemory(testHeader());
    for (const [event, outcome] of ramStream(count)) writer.append(event, outcome);
    writer.close();
    const bytes = writer.toBuffer();
    expect(bytes.length / count).toBeLessThan(8);
    const reader = RecordingReader.fromBuffer(bytes);
    let i = 0;
    for (const [event, outcome] of ramStream(count)) {
      if (i % 997 === 0) {
        expect(reader.eventAt(i)).toEqual(event);
        expect(reader.outcomeAt(i)).toEqual(outcome);
      }
      i += 1;
    }
  });
});
