/**
 * `pnpm bench`: the replay engine measured against baselines run beside it, on a ram workload
 * recorded for the purpose (1,000,000 events by default; --events N, --json, --quick).
 *
 * Baselines: decode-only of the recording (the limit), the plain mutable reducer (the model
 * with no engine around it) and a naive peer (one immer produce per event on flat arrays).
 * Measured: bulk replay with verification, random seek, bisect, bytes per event.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  bisect,
  cloneState,
  err,
  parsePredicate,
  Replayer,
  sameOutcome,
  step,
  Timeline,
  verifiedGood,
  verifyRun,
  type Outcome,
} from "@pagefold/engine";
import { kernelMachine, type KernelEvent } from "@pagefold/kernel";
import { RecordingReader, RecordingWriter } from "@pagefold/recording";
import { ramWorkload, ramWorkloadConfig, type RamProfile } from "@pagefold/traces";
import { openRun, record } from "@pagefold/cli";
import { best, percentile, perSecond, seeded, timed, type Timing } from "./measure.js";
import { naiveInit, naiveStep } from "./naive-peer.js";
import { compareWithBaseline, loadBaseline, saveBaseline } from "./baseline.js";
import { report, type BenchResult } from "./report.js";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    json: { type: "boolean", default: false },
    quick: { type: "boolean", default: false },
    profile: { type: "string", default: "mixed" },
    "save-baseline": { type: "boolean", default: false },
  },
});
const total = Number(values.events);
const runs = values.quick ? 1 : 3;
const dir = mkdtempSync(join(tmpdir(), "pagefold-bench-"));
const file = join(dir, "ram.pfr");

try {
  const profile = values.profile as RamProfile;
  const workload = { seed: 42, events: total, profile };
  const config = ramWorkloadConfig(workload);
  // Streamed straight to disk: the engine's own measurements run with no event array alive, as a
  // user's replay would; the baselines that need events in memory load them afterwards.
  record(file, ramWorkload(workload), { config, creator: "pagefold bench" });
  const bytes = statSync(file).size;

  const decodeOnly = best(runs, () => {
    const reader = RecordingReader.open<KernelEvent>(file);
    let n = 0;
    const t = timed(total, () => {
      for (const entry of reader.entries()) if (entry.outcome !== undefined) n++;
    });
    reader.close();
    if (n !== total) throw new Error(`decoded ${n} of ${total}`);
    return t;
  });

  let verdict = true;
  const replay = best(runs, () => {
    const run = openRun(file);
    const t = timed(total, () => {
      const r = verifyRun(kernelMachine, run.initial, run.recorded, { digests: run.digests });
      verdict &&= verifiedGood(r) && r.events === total && r.outcomesChecked === total;
    });
    run.close();
    return t;
  });

  const run = openRun(file);
  const timeline = new Timeline(
    kernelMachine,
    run.initial,
    run.source,
    run.snapshots === undefined ? {} : { snapshots: run.snapshots },
  );
  const build = timed(total, () => timeline.run());
  const random = seeded(7);
  const seeks: number[] = [];
  for (let i = 0; i < (values.quick ? 100 : 400); i++) {
    const target = Math.floor(random() * (total + 1));
    seeks.push(timed(1, () => timeline.stateAt(target)).ms);
  }
  seeks.sort((a, b) => a - b);
  run.close();

  const planted = join(dir, "planted.pfr");
  const plantAt = Math.floor(total * 0.61) + 11;
  plant(file, planted, plantAt);
  const bisectRuns: Timing[] = [];
  let bisectFound: number | undefined;
  for (let i = 0; i < runs; i++) {
    const copy = openRun(planted);
    bisectRuns.push(
      timed(total, () => {
        const tl = new Timeline(kernelMachine, copy.initial, copy.source);
        bisectFound = bisect(tl, { kind: "divergence" }, { recordedOutcomes: outcomesOf(copy) }).index;
      }),
    );
    copy.close();
  }
  const bisectDivergence = bisectRuns.sort((a, b) => a.ms - b.ms)[0] as Timing;

  const threshold = Math.floor(config.ramPages * 0.35);
  const statePredicate = parsePredicate(`expr:state.ram.freePages < ${threshold}`);
  const stateBisect = best(runs, () => {
    const copy = openRun(file);
    const tl = new Timeline(kernelMachine, copy.initial, copy.source);
    const t = timed(total, () => bisect(tl, statePredicate));
    copy.close();
    return t;
  });

  const events: KernelEvent[] = [...openRun(file).source.read(0, total)];
  const plainReducer = best(runs, () => {
    const state = cloneState(kernelMachine.init(config));
    return timed(total, () => {
      for (const e of events) kernelMachine.reduce(state, e);
    });
  });

  const naiveEvents = Math.min(total, values.quick ? 20_000 : 50_000);
  let naiveAgrees = true;
  const naive = best(1, () => {
    let state = naiveInit(config.ramPages);
    const check = new Replayer(kernelMachine, kernelMachine.init(config));
    return timed(naiveEvents, () => {
      for (let i = 0; i < naiveEvents; i++) {
        const e = events[i] as KernelEvent;
        const [next, outcome] = naiveStep(state, e);
        state = next;
        if (i % 97 === 0) naiveAgrees &&= sameOutcome(outcome, check.apply(e));
        else check.apply(e);
      }
    });
  });

  const stepEvents = Math.min(total, 20_000);
  const immerStep = best(1, () => {
    let state = kernelMachine.init(config);
    return timed(stepEvents, () => {
      for (let i = 0; i < stepEvents; i++) [state] = step(kernelMachine, state, events[i] as KernelEvent);
    });
  });

  const result: BenchResult = {
    events: total,
    profile,
    ramPages: config.ramPages,
    bytes,
    bytesPerEvent: bytes / total,
    decodeOnly: perSecond(decodeOnly),
    plainReducer: perSecond(plainReducer),
    replayVerified: perSecond(replay),
    replayVerifiedGood: verdict,
    naivePeer: perSecond(naive),
    naivePeerAgrees: naiveAgrees,
    immerStep: perSecond(immerStep),
    timelineBuildMs: build.ms,
    seekP50Ms: percentile(seeks, 50),
    seekP99Ms: percentile(seeks, 99),
    bisectDivergenceMs: bisectDivergence.ms,
    bisectFoundPlanted: bisectFound === plantAt,
    bisectStateMs: stateBisect.ms,
  };
  report(result, values.json);
  if (!values.json) process.stdout.write(`${compareWithBaseline(result, loadBaseline()).join("\n")}\n`);
  if (values["save-baseline"]) saveBaseline(result);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function plant(from: string, to: string, at: number): void {
  const reader = RecordingReader.open<KernelEvent>(from);
  const writer = RecordingWriter.create(to, { ...reader.header, creator: "pagefold bench (planted)" });
  for (const { index, event, outcome } of reader.entries())
    writer.append(event, index === at ? err("KErrNoMemory", "planted") : outcome);
  writer.close();
  reader.close();
}

function* outcomesOf(run: ReturnType<typeof openRun>): Iterable<Outcome | undefined> {
  for (const entry of run.entries()) yield entry.outcome;
}
