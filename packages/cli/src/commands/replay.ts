import { formatDiff, verifiedGood, verifyRun, type VerifyReport } from "@pagefold/engine";
import { kernelMachine, type KernelEvent } from "@pagefold/kernel";
import { formatOutcomeLine, verifyRecording } from "@pagefold/recording";
import type { ConfigOverrides } from "../config-options.js";
import { Exit, type ExitStatus } from "../exit.js";
import { count, Output, rate } from "../output.js";
import { progress } from "../progress.js";
import { formatCodes } from "../recorder.js";
import { openRun, validateEvent, type RunInput } from "../run-input.js";

export interface ReplayCommandOptions extends ConfigOverrides {
  readonly jsonl: boolean;
  readonly json: boolean;
  /** Check invariants after every event, not only at checkpoints and the end. */
  readonly everyEvent: boolean;
  readonly invariants: boolean;
  readonly checkpointEvery: number;
  readonly fromSnapshot?: string;
}

/** `pagefold replay FILE`: replays, checks recorded outcomes and digests; exit 1 when bad. */
export function replayCommand(path: string, options: ReplayCommandOptions): ExitStatus {
  const out = new Output(options.json);
  const run = openRun(path, options);
  try {
    const report = replayChecked(run, options, out);
    return judge(out, run, report, options);
  } finally {
    run.close();
  }
}

/**
 * `pagefold verify FILE`: the file's integrity first (a damaged recording is exit 2, naming the
 * byte offset and event index), then the same checked replay as `replay`.
 */
export function verifyCommand(path: string, options: ReplayCommandOptions): ExitStatus {
  const out = new Output(options.json);
  if (!path.endsWith(".jsonl") && !path.endsWith(".json")) {
    const integrity = verifyRecording(path, { validate: validateEvent });
    if (integrity.damage !== undefined) {
      const d = integrity.damage;
      out.say(
        out.bad(`${path}: damaged at byte offset ${d.byteOffset} (event ${d.eventIndex}): ${d.message}`),
      );
      out.say(
        `  ${count(integrity.events)} events in ${integrity.chunks} chunks before the damage read back intact`,
      );
      out.result({
        file: path,
        ok: false,
        damage: d,
        intactEvents: integrity.events,
        intactChunks: integrity.chunks,
      });
      return Exit.input;
    }
  }
  return replayCommand(path, { ...options, jsonl: false });
}

function replayChecked(run: RunInput, options: ReplayCommandOptions, out: Output): VerifyReport<KernelEvent> {
  const bar = progress("replaying", run.kind === "recording" ? run.length : 0);
  const started = performance.now();
  const report = verifyRun(kernelMachine, run.initial, run.recorded, {
    checkpointEvery: options.checkpointEvery,
    invariants: !options.invariants ? "none" : options.everyEvent ? "every-event" : "checkpoints",
    digests: run.digests,
    onProgress: (n) => bar.update(n),
    ...(options.jsonl
      ? { onEvent: (i: number, e: KernelEvent, o) => out.data(formatOutcomeLine(i, e, o)) }
      : {}),
  });
  bar.stop();
  const ms = performance.now() - started;
  out.say(
    `${run.path}: replayed ${count(report.events)} events in ${ms.toFixed(0)} ms (${rate(report.events, ms)}); ` +
      `${count(report.outcomesChecked)} outcomes and ${report.digestsChecked} digests checked`,
  );
  if (run.overridden)
    out.say(out.dim("  (config overridden: recorded digests are not compared; outcomes are)"));
  out.say(`  outcomes: ${formatCodes(report.codes)}`);
  return report;
}

function judge(
  out: Output,
  run: RunInput,
  report: VerifyReport<KernelEvent>,
  options: ReplayCommandOptions,
): ExitStatus {
  const good = verifiedGood(report);
  if (report.divergence !== undefined) {
    const d = report.divergence;
    out.say(out.bad(`diverged at event ${d.index} (${d.event.op}):`));
    out.say(`  recorded: ${JSON.stringify(d.expected)}`);
    out.say(`  replayed: ${JSON.stringify(d.actual)}`);
    if (d.changed.length > 0)
      out.say(`  the replayed event changed:\n    ${formatDiff(d.changed).join("\n    ")}`);
  }
  if (report.digestMismatch !== undefined) {
    const m = report.digestMismatch;
    out.say(
      out.bad(`state digest differs after ${m.index} events: recorded ${m.expected}, replayed ${m.actual}`),
    );
  }
  if (report.violation !== undefined) {
    const v = report.violation;
    const where = options.everyEvent
      ? `after event ${v.index - 1}`
      : `at the checkpoint after ${v.index} events`;
    out.say(out.bad(`invariant broken ${where}:`));
    for (const x of v.violations) out.say(`  ${x.invariant}: ${x.messages.slice(0, 5).join("; ")}`);
  }
  if (report.panic !== undefined)
    out.say(
      out.bad(`panic at event ${report.panic.index} (${report.panic.event.op}): ${report.panic.message}`),
    );
  if (good) out.say(out.good(`ok: no divergence, invariants hold, final digest ${report.finalDigest}`));
  out.result({ file: run.path, good, ...report });
  return good ? Exit.good : Exit.bad;
}
