import { PagefoldError, takeSnapshot, Timeline, formatDiff, diffValues } from "@pagefold/engine";
import { kernelMachine, type KernelState } from "@pagefold/kernel";
import type { ConfigOverrides } from "../config-options.js";
import { describeState } from "../describe.js";
import { Exit, type ExitStatus } from "../exit.js";
import { count, Output } from "../output.js";
import { record } from "../recorder.js";
import { openRun } from "../run-input.js";

export interface SeekCommandOptions extends ConfigOverrides {
  readonly save?: string;
  readonly json: boolean;
}

/**
 * `pagefold seek FILE N`: the state after N events (0 = the start; negative counts from the
 * end), with the event that led there; `--save F` writes it as a snapshot to start other runs.
 */
export function seekCommand(path: string, position: string, options: SeekCommandOptions): ExitStatus {
  const out = new Output(options.json);
  const run = openRun(path, options);
  try {
    const n = resolvePosition(position, run.length);
    const timeline = new Timeline(
      kernelMachine,
      run.initial,
      run.source,
      run.snapshots === undefined ? {} : { snapshots: run.snapshots },
    );
    const started = performance.now();
    let state: KernelState;
    let last: { op: string; outcome: unknown; changed: string[] } | undefined;
    if (n === 0) {
      state = timeline.stateAt(0);
    } else {
      const step = timeline.outcomeAt(n - 1);
      state = step.after;
      const [event] = run.source.read(n - 1, n);
      last = {
        op: JSON.stringify(event),
        outcome: step.outcome,
        changed: formatDiff(diffValues(kernelMachine.view(step.before), kernelMachine.view(step.after), 12)),
      };
    }
    const ms = performance.now() - started;
    const view = kernelMachine.view(state) as Record<string, unknown>;
    out.say(
      `${path}: state after ${count(n)} of ${count(run.length)} events (${ms.toFixed(1)} ms, ${count(timeline.eventsReplayed)} events replayed)`,
    );
    if (last !== undefined) {
      out.say(`  event ${n - 1}: ${last.op} → ${JSON.stringify(last.outcome)}`);
      if (last.changed.length > 0) out.say(`  it changed: ${last.changed.join("; ")}`);
    }
    for (const line of describeState(view)) out.say(`  ${line}`);
    out.say(`  digest ${kernelMachine.digest(state).combined}`);
    if (options.save !== undefined) {
      record(options.save, [], {
        config: run.config,
        initial: state,
        creator: "pagefold seek --save",
        snapshotEvery: 0,
      });
      out.say(
        `saved the state as ${options.save} (start another run from it with --from-snapshot ${options.save})`,
      );
    }
    const snapshot = takeSnapshot(kernelMachine, run.config, n, state);
    out.result({
      file: path,
      index: n,
      digest: snapshot.digest,
      view,
      ...(last === undefined ? {} : { event: last }),
    });
    return Exit.good;
  } finally {
    run.close();
  }
}

function resolvePosition(text: string, length: number): number {
  const n = Number(text);
  if (!Number.isInteger(n))
    throw new PagefoldError("PFOLD_USAGE", `position must be an integer, got ${text}`);
  const at = n < 0 ? length + 1 + n : n;
  if (at < 0 || at > length)
    throw new PagefoldError("PFOLD_USAGE", `position ${text} is outside 0..${length}`);
  return at;
}
