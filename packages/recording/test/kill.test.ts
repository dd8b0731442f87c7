import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { RecordingReader, verifyRecording } from "../src/index.js";
import { ramStream } from "./support/ram-stream.js";

const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "pfr-kill-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the writer child and SIGKILLs it once it has written at least `chunks` chunks. */
function writeUntilKilled(file: string, chunkEvents: number, chunks: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(here, "support/kill-child.ts"), file, `${chunkEvents}`],
      {
        cwd: join(here, "../../.."),
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (data: Buffer) => (stderr += data.toString()));
    child.stdout.on("data", (data: Buffer) => {
      const written = Number(data.toString().trim().split("\n").at(-1));
      if (written >= chunks) child.kill("SIGKILL");
    });
    child.on("exit", (_code, signal) =>
      signal === "SIGKILL" ? resolve() : reject(new Error(`child exited without being killed: ${stderr}`)),
    );
  });
}

describe("a writer killed with SIGKILL", () => {
  it("leaves a file whose complete chunks all read back, and verify names the torn end", async () => {
    const file = join(dir, "killed.pfr");
    await writeUntilKilled(file, 256, 40);
    const report = verifyRecording(file);
    expect(report.ok).toBe(false);
    expect(report.complete).toBe(false);
    expect(report.chunks).toBeGreaterThanOrEqual(40);
    expect(report.events).toBe(report.chunks * 256);
    expect(report.damage?.eventIndex).toBe(report.events);
    expect(report.damage?.byteOffset).toBeLessThanOrEqual(statSync(file).size);
    expect(() => RecordingReader.open(file)).toThrow(/recover/);

    const reader = RecordingReader.open(file, { recover: true });
    expect(reader.eventCount).toBe(report.events);
    expect(reader.damage).toEqual(report.damage);
    let i = 0;
    for (const [event, outcome] of ramStream(reader.eventCount)) {
      expect(reader.eventAt(i)).toEqual(event);
      expect(reader.outcomeAt(i)).toEqual(outcome);
      i += 1;
    }
    expect([...reader.digests().keys()]).toEqual(
      Array.from({ length: Math.floor(reader.eventCount / 1000) }, (_, k) => (k + 1) * 1000),
    );
    reader.close();
  }, 30_000);
});
