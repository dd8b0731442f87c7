/**
 * `pnpm bench:long`: records a 10,000,000-event ram workload straight from the generator to disk
 * and replays it with verification, sampling the process's memory as it goes, to show both stay
 * bounded however long the run (--events N to change the length).
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { verifiedGood, verifyRun } from "@pagefold/engine";
import { kernelMachine } from "@pagefold/kernel";
import { openRun, record } from "@pagefold/cli";
import { ramWorkload, ramWorkloadConfig } from "@pagefold/traces";

const { values } = parseArgs({
  options: { events: { type: "string", default: "10000000" }, json: { type: "boolean", default: false } },
});
const events = Number(values.events);
const dir = mkdtempSync(join(tmpdir(), "pagefold-long-"));
const file = join(dir, "long.pfr");
const mib = (n: number): number => Math.round((n / 1048576) * 10) / 10;
let peakRss = 0;
let peakHeap = 0;
const sample = (): void => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};

try {
  const workload = { seed: 9, events, profile: "steady" as const };
  let t = performance.now();
  const { summary } = record(file, ramWorkload(workload), {
    config: ramWorkloadConfig(workload),
    onProgress: sample,
  });
  const recordMs = performance.now() - t;
  const recordPeakRss = peakRss;
  const recordPeakHeap = peakHeap;
  peakRss = 0;
  peakHeap = 0;
  const run = openRun(file);
  t = performance.now();
  const report = verifyRun(kernelMachine, run.initial, run.recorded, {
    digests: run.digests,
    onProgress: sample,
  });
  const replayMs = performance.now() - t;
  run.close();
  const result = {
    events: summary.events,
    bytes: statSync(file).size,
    recordSeconds: recordMs / 1000,
    recordPeakRssMiB: mib(recordPeakRss),
    recordPeakHeapMiB: mib(recordPeakHeap),
    replaySeconds: replayMs / 1000,
    replayEventsPerSecond: Math.round((report.events / replayMs) * 1000),
    replayPeakRssMiB: mib(peakRss),
    replayPeakHeapMiB: mib(peakHeap),
    verified: verifiedGood(report) && report.events === events,
  };
  process.stdout.write(
    `${
      values.json
        ? JSON.stringify(result, null, 2)
        : Object.entries(result)
            .map(([k, v]) => `${k.padEnd(24)} ${String(v)}`)
            .join("\n")
    }\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
