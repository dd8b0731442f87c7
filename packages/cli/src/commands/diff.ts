import { compareRuns, formatDiff } from "@pagefold/engine";
import { kernelMachine } from "@pagefold/kernel";
import { Exit, type ExitStatus } from "../exit.js";
import { count, Output } from "../output.js";
import { progress } from "../progress.js";
import { openRun } from "../run-input.js";

export interface DiffCommandOptions {
  readonly aConfig?: string;
  readonly aRevision: string[];
  readonly bConfig?: string;
  readonly bRevision: string[];
  readonly checkpointEvery: number;
  readonly json: boolean;
}

/**
 * `pagefold diff FILE --a-revision pagetables=2009 --b-revision pagetables=2010`: runs the same
 * events under two configs side by side and names the first event where they part ways.
 */
export function diffCommand(path: string, options: DiffCommandOptions): ExitStatus {
  const out = new Output(options.json);
  const a = openRun(path, { config: options.aConfig, revision: options.aRevision });
  const b = openRun(path, { config: options.bConfig, revision: options.bRevision });
  try {
    const bar = progress("comparing", a.kind === "recording" ? a.length : 0);
    const events = (function* () {
      for (const entry of a.entries()) yield entry.event;
    })();
    const report = compareRuns(kernelMachine, a.initial, b.initial, events, {
      checkpointEvery: options.checkpointEvery,
      onProgress: (n) => bar.update(n),
    });
    bar.stop();
    const label = (revisions: readonly string[], config: string | undefined): string =>
      [...(config === undefined ? [] : [config]), ...revisions].join(" ") || "as recorded";
    const left = label(options.aRevision, options.aConfig);
    const right = label(options.bRevision, options.bConfig);
    const d = report.divergence;
    const grain =
      options.checkpointEvery === 1
        ? "answers and states compared after every event"
        : `answers compared after every event, states every ${count(options.checkpointEvery)} events (--checkpoint-every 1: every event)`;
    if (d === undefined) {
      out.say(
        out.good(
          `A (${left}) and B (${right}) agree on all ${count(report.events)} events; digest ${report.leftDigest}`,
        ),
      );
    } else {
      out.say(out.bad(`A (${left}) and B (${right}) part at event ${d.index} (${JSON.stringify(d.event)}):`));
      out.say(`  A answered ${JSON.stringify(d.left)}`);
      out.say(`  B answered ${JSON.stringify(d.right)}`);
      if (d.kind === "state") out.say("  the answers agree, but the states do not:");
      if (d.stateDiff.length > 0)
        out.say(`  state after the event (A → B):\n    ${formatDiff(d.stateDiff).join("\n    ")}`);
    }
    out.say(out.dim(`  (${grain})`));
    out.result({ file: path, a: { config: a.config }, b: { config: b.config }, ...report });
    return d === undefined ? Exit.good : Exit.bad;
  } finally {
    a.close();
    b.close();
  }
}
