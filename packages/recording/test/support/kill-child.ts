/**
 * Child process for the SIGKILL test: appends ram events to a recording forever, with a
 * digest every 1,000 events, and prints the number of chunks written after every 10.
 * Usage: node --import tsx kill-child.ts <file> <chunkEvents>
 */
import { RecordingWriter } from "../../src/index.js";
import { testHeader } from "./header.js";
import { ramStream } from "./ram-stream.js";

const [file, chunkArg] = process.argv.slice(2);
const chunkEvents = Number(chunkArg);
const writer = RecordingWriter.create(file!, testHeader({ chunkEvents }));
let appended = 0;
for (const [event, outcome] of ramStream(Number.POSITIVE_INFINITY)) {
  writer.append(event, outcome);
  appended += 1;
  if (appended % 1000 === 0) writer.digest(appended, appended.toString(16).padStart(16, "0"));
  if (appended % (chunkEvents * 10) === 0) process.stdout.write(`${appended / chunkEvents}\n`);
}
