import { mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bisect, err, parsePredicate, Timeline, verifiedGood, verifyRun } from "@pagefold/engine";
import { kernelMachine, type KernelEvent } from "@pagefold/kernel";
import { RecordingReader, RecordingWriter } from "@pagefold/recording";
import { ramWorkload, ramWorkloadConfig } from "@pagefold/traces";
import { describeState } from "../describe.js";
import { l1Demo } from "../demo/l1.js";
import { pagingDemo } from "../demo/paging.js";
import { Exit, type ExitStatus } from "../exit.js";
import { count, Output, rate } from "../output.js";
import { ENGINE_VERSION, formatCodes, record } from "../recorder.js";
import { openRun } from "../run-input.js";

export interface DemoCommandOptions {
  readonly events: number;
  readonly seed: number;
  /** Keep the files in this folder instead of a temporary one. */
  readonly keep?: string;
  readonly json: boolean;
}

/**
 * `pagefold demo`: the whole loop on built-in workloads, nothing to download. Generate a
 * physical-memory run, record it, replay and verify it, seek into it, bisect the first event
 * where memory is plentiful but no 16 KiB-aligned block is free (the ARM L1 problem of seed
 * 002), then plant a wrong outcome in a copy and let verify and bisect find it. Then the
 * subsystems' own stories: demand paging with page tables (2009 against 2010), and the L1
 * allocation strategies under a fork storm.
 */
export function demoCommand(options: DemoCommandOptions): ExitStatus {
  const out = new Output(options.json);
  const dir = options.keep ?? mkdtempSync(join(tmpdir(), "pagefold-demo-"));
  if (options.keep !== undefined) mkdirSync(dir, { recursive: true });
  const file = join(dir, "ram-fragmenting.pfr");
  const planted = join(dir, "ram-planted.pfr");
  const summary: Record<string, unknown> = { dir };
  try {
    const workload = { seed: options.seed, events: options.events, profile: "fragmenting" as const };
    const config = ramWorkloadConfig(workload);
    out.say(
      out.bold("pagefold demo: physical memory (ram), the allocator every other subsystem takes frames from"),
    );
    out.say(
      `1. generate and record ${count(options.events)} events of a fragmenting workload (seed ${options.seed}) on ${count(config.ramPages)} frames`,
    );
    let t = performance.now();
    const recorded = record(file, ramWorkload(workload), {
      config,
      creator: "pagefold demo",
      snapshotEvery: 65_536,
    }).summary;
    const bytes = statSync(file).size;
    summary.record = { ...recorded, bytes, ms: performance.now() - t };
    out.say(
      `   ${file}: ${count(bytes)} bytes, ${(bytes / recorded.events).toFixed(2)} bytes/event; outcomes ${formatCodes(recorded.codes)}`,
    );

    out.say("2. replay it and verify every outcome, the checkpoint digests and the invariants");
    const run = openRun(file);
    t = performance.now();
    const report = verifyRun(kernelMachine, run.initial, run.recorded, { digests: run.digests });
    const replayMs = performance.now() - t;
    summary.verify = { good: verifiedGood(report), events: report.events, ms: replayMs };
    out.say(
      `   ${verifiedGood(report) ? out.good("ok") : out.bad("BAD")}: ${count(report.events)} events at ${rate(report.events, replayMs)}, ${count(report.outcomesChecked)} outcomes and ${report.digestsChecked} digests matched`,
    );

    const timeline = new Timeline(
      kernelMachine,
      run.initial,
      run.source,
      run.snapshots === undefined ? {} : { snapshots: run.snapshots },
    );
    const middle = Math.floor(run.length / 2) + 17;
    out.say(`3. seek to event ${count(middle)} (from the nearest embedded snapshot, not from the start)`);
    t = performance.now();
    const state = timeline.stateAt(middle);
    const seekMs = performance.now() - t;
    for (const line of describeState(kernelMachine.view(state) as Record<string, unknown>))
      out.say(`   ${line}`);
    out.say(`   (${seekMs.toFixed(1)} ms, ${count(timeline.eventsReplayed)} events replayed)`);
    summary.seek = { index: middle, ms: seekMs, eventsReplayed: timeline.eventsReplayed };

    const l1 = "expr:state.ram.freePages >= 1024 && state.ram.largestFreeOrder < 2";
    out.say(
      "4. bisect: the first event after which 4 MiB is free but no 16 KiB-aligned block of 4 frames is",
    );
    out.say(
      "   (the ARM L1 table problem of seed 002: the page daemon sees enough free pages, pmap_create cannot get one)",
    );
    t = performance.now();
    const found = bisect(timeline, parsePredicate(l1), { everyEvent: true });
    const bisectMs = performance.now() - t;
    summary.bisect = { ...found, expression: l1, ms: bisectMs };
    if (found.index === undefined) out.say(`   never happens in this run (${bisectMs.toFixed(0)} ms)`);
    else {
      const at = timeline.stateAt(found.index + 1);
      const view = kernelMachine.view(at) as { ram: { freePages: number; largestFreeRun: number } };
      out.say(
        `   event ${count(found.index)}: ${count(view.ram.freePages)} frames free, yet the longest free run is ${view.ram.largestFreeRun} and no aligned 4-frame block exists`,
      );
      const flips = found.monotone
        ? "it stays so"
        : `it comes and goes: ${count(found.flips.length)} flips, the first shown`;
      out.say(`   (${bisectMs.toFixed(0)} ms, judged after every event; ${flips})`);
    }

    const plantAt = Math.floor(run.length * 0.73);
    out.say(
      `5. plant a wrong outcome at event ${count(plantAt)} in a copy, then let verify and bisect find it`,
    );
    plantWrongOutcome(file, planted, plantAt);
    const copy = openRun(planted);
    const bad = verifyRun(kernelMachine, copy.initial, copy.recorded, { digests: copy.digests });
    const divergence = bisect(
      new Timeline(kernelMachine, copy.initial, copy.source),
      { kind: "divergence" },
      {
        recordedOutcomes: (function* () {
          for (const e of copy.entries()) yield e.outcome;
        })(),
      },
    );
    copy.close();
    run.close();
    out.say(
      `   verify: ${bad.divergence === undefined ? "missed it" : `diverged at event ${count(bad.divergence.index)}: recorded ${JSON.stringify(bad.divergence.expected)}, replayed ${JSON.stringify(bad.divergence.actual)}`}`,
    );
    out.say(
      `   bisect divergence: event ${divergence.index === undefined ? "none" : count(divergence.index)}`,
    );
    summary.planted = { at: plantAt, verifyFound: bad.divergence?.index, bisectFound: divergence.index };

    const caught = bad.divergence?.index === plantAt && divergence.index === plantAt;

    out.say("");
    out.say(out.bold("Demand paging and page tables (Symbian, seeds 000 and 001)"));
    summary.paging = pagingDemo(out);
    out.say("");
    out.say(out.bold("16 KiB-aligned L1 tables under a fork storm (NetBSD arm32, seed 002; UVM, seed 004)"));
    summary.l1 = l1Demo(out);
    out.say("");
    out.say(
      out.bold("What you saw:") +
        " every event is data; replay is deterministic, so a recording can be checked, sought",
    );
    out.say(
      "into, bisected and compared. Try: pagefold record --workload ram:mixed --events 1000000 -o run.pfr;",
    );
    out.say(
      "pagefold verify run.pfr; pagefold seek run.pfr 500000; pagefold bisect run.pfr 'outcome:KErrNoMemory'.",
    );
    if (options.keep !== undefined) out.say(`files kept in ${dir}`);
    out.result(summary);
    return verifiedGood(report) && caught ? Exit.good : Exit.bad;
  } finally {
    if (options.keep === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

/** Copies a recording with one outcome replaced by a failure the kernel never gave. */
function plantWrongOutcome(from: string, to: string, at: number): void {
  const reader = RecordingReader.open<KernelEvent>(from);
  const writer = RecordingWriter.create(to, {
    machine: reader.header.machine,
    schemaVersion: reader.header.schemaVersion,
    engine: ENGINE_VERSION,
    config: reader.header.config,
    creator: "pagefold demo (planted)",
  });
  for (const { index, event, outcome } of reader.entries()) {
    writer.append(event, index === at ? err("KErrNoMemory", "planted by the demo") : outcome);
  }
  writer.close();
  reader.close();
}
