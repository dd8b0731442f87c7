import { statSync } from "node:fs";
import { PagefoldError } from "@pagefold/engine";
import type { KernelConfig, KernelEvent, KernelState } from "@pagefold/kernel";
import { findWorkload } from "@pagefold/traces";
import { overrideConfig, type ConfigOverrides } from "../config-options.js";
import { Exit, type ExitStatus } from "../exit.js";
import { count, Output, rate } from "../output.js";
import { progress } from "../progress.js";
import { formatCodes, record } from "../recorder.js";
import { openRun } from "../run-input.js";

export interface RecordCommandOptions extends ConfigOverrides {
  readonly output: string;
  readonly workload?: string;
  readonly events: number;
  readonly seed: number;
  readonly checkpointEvery: number;
  readonly snapshotEvery: number;
  readonly outcomes: boolean;
  readonly fromSnapshot?: string;
  readonly json: boolean;
}

/** `pagefold record [scenario.jsonl] -o run.pfr` or `pagefold record --workload ram:mixed -o run.pfr`. */
export function recordCommand(input: string | undefined, options: RecordCommandOptions): ExitStatus {
  const out = new Output(options.json);
  const { config, events, initial, label, total } = chooseInput(input, options);
  const bar = progress("recording", total);
  const started = performance.now();
  const { summary } = record(options.output, events, {
    config,
    initial,
    checkpointEvery: options.checkpointEvery,
    snapshotEvery: options.snapshotEvery,
    outcomes: options.outcomes,
    onProgress: (n) => bar.update(n),
  });
  bar.stop();
  const ms = performance.now() - started;
  const bytes = statSync(options.output).size;
  out.say(
    `recorded ${count(summary.events)} events of ${label} to ${options.output} (${rate(summary.events, ms)})`,
  );
  out.say(
    `  ${count(bytes)} bytes, ${(bytes / Math.max(1, summary.events)).toFixed(2)} bytes/event; outcomes: ${formatCodes(summary.codes)}`,
  );
  if (summary.panic !== null) out.say(out.bad(`  the machine panicked: ${summary.panic}`));
  out.result({ file: options.output, ...summary, bytes, config });
  return Exit.good;
}

function chooseInput(
  input: string | undefined,
  options: RecordCommandOptions,
): {
  config: KernelConfig;
  events: Iterable<KernelEvent>;
  initial?: KernelState;
  label: string;
  total: number;
} {
  if (input !== undefined && options.workload !== undefined) {
    throw new PagefoldError("PFOLD_USAGE", "give a scenario file or --workload, not both");
  }
  if (input !== undefined) {
    const run = openRun(input, options);
    return {
      config: run.config,
      events: mapEvents(run.entries()),
      // a run that starts from a saved state records that state as its snapshot at event 0
      ...(run.fromSavedState ? { initial: run.initial } : {}),
      label: input,
      total: run.kind === "recording" ? run.length : 0,
    };
  }
  const workload = findWorkload(options.workload ?? "ram:mixed");
  const generated = { seed: options.seed, events: options.events };
  const config = overrideConfig(workload.config(generated), options);
  // The generator plans its stream on its own config; overrides change how the kernel answers it.
  const events = workload.events(generated);
  return { config, events, label: `workload ${workload.name} (seed ${options.seed})`, total: options.events };
}

function* mapEvents(entries: Iterable<{ event: KernelEvent }>): Iterable<KernelEvent> {
  for (const entry of entries) yield entry.event;
}
