/**
 * Measures the recording format on synthetic ram-like events with outcomes (single-page
 * allocations of a random free frame of 16,384 and frees of a random allocated one):
 * bytes per event on disk, write and decode speed, and the heap while streaming.
 *
 *   npx tsx packages/recording/test/measure.ts [events=1000000] [chunkEvents=4096]
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RecordingReader, RecordingWriter, verifyRecording } from "../src/index.js";
import { testHeader } from "./support/header.js";
import { ramStream } from "./support/ram-stream.js";

const count = Number(process.argv[2] ?? 1_000_000);
const chunkEvents = Number(process.argv[3] ?? 4096);
const dir = mkdtempSync(join(tmpdir(), "pfr-measure-"));
const file = join(dir, "ram.pfr");
const rate = (ms: number) => `${(((count / ms) * 1000) / 1e6).toFixed(2)} M events/s`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** Milliseconds `run` takes. */
function timed(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

try {
  let sink = 0;
  const generateMs = timed(() => {
    for (const [event] of ramStream(count)) sink += event.pages;
  });
  const writeMs = timed(() => {
    const writer = RecordingWriter.create(file, testHeader({ chunkEvents }));
    for (const [event, outcome] of ramStream(count)) writer.append(event, outcome);
    writer.close();
  });
  const size = statSync(file).size;

  const reader = RecordingReader.open(file);
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const decodeMs = timed(() => {
    let i = 0;
    for (const event of reader.events()) {
      if (++i % 65536 === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      sink += event.op.length;
    }
  });
  const entriesMs = timed(() => {
    for (const entry of reader.entries()) if (entry.outcome?.ok === true) sink += 1;
  });
  reader.close();
  let ok = false;
  const verifyMs = timed(() => (ok = verifyRecording(file).ok));

  console.log(`events            ${count} (chunkEvents ${chunkEvents})`);
  console.log(`file              ${size} bytes = ${(size / count).toFixed(3)} bytes/event`);
  console.log(`write             ${(writeMs - generateMs).toFixed(0)} ms  ${rate(writeMs - generateMs)}`);
  console.log(`decode events()   ${decodeMs.toFixed(0)} ms  ${rate(decodeMs)}`);
  console.log(`decode entries()  ${entriesMs.toFixed(0)} ms  ${rate(entriesMs)}`);
  console.log(`verify            ${verifyMs.toFixed(0)} ms  ${rate(verifyMs)}  ok=${ok}`);
  console.log(`heap while streaming: ${mib(heapBefore)} before, ${mib(heapPeak)} peak (${sink > 0})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
