import { bisect, parsePredicate, Timeline } from "@pagefold/engine";
import { kernelMachine } from "@pagefold/kernel";
import type { ConfigOverrides } from "../config-options.js";
import { Exit, type ExitStatus } from "../exit.js";
import { count, Output } from "../output.js";
import { openRun, recordedOutcomes } from "../run-input.js";

export interface BisectCommandOptions extends ConfigOverrides {
  /** For `divergence`: revisions of a second config to compare with. */
  readonly against: string[];
  readonly againstConfig?: string;
  readonly checkpointEvery: number;
  /** Judge a state predicate after every event (exact for predicates that hold briefly). */
  readonly everyEvent: boolean;
  readonly json: boolean;
}

/**
 * `pagefold bisect FILE PREDICATE`: the exact first event at which the predicate holds.
 * Exit 1 when it is found (bad), 0 when it never holds, 125 when it cannot be judged.
 */
export function bisectCommand(
  path: string,
  predicateText: string,
  options: BisectCommandOptions,
): ExitStatus {
  const out = new Output(options.json);
  const predicate = parsePredicate(predicateText);
  const run = openRun(path, options);
  try {
    const timeline = new Timeline(kernelMachine, run.initial, run.source, {
      checkpointEvery: options.checkpointEvery,
      ...(run.snapshots === undefined ? {} : { snapshots: run.snapshots }),
    });
    const comparing = options.against.length > 0 || options.againstConfig !== undefined;
    const against = comparing
      ? openRun(path, { config: options.againstConfig, revision: options.against })
      : undefined;
    const started = performance.now();
    const result = bisect(timeline, predicate, {
      everyEvent: options.everyEvent,
      ...(against === undefined ? {} : { against: against.initial }),
      ...(predicate.kind === "divergence" && against === undefined
        ? { recordedOutcomes: recordedOutcomes(run) }
        : {}),
    });
    const ms = performance.now() - started;
    against?.close();
    const cost = `${ms.toFixed(0)} ms, ${count(result.eventsReplayed)} events replayed, ${result.probes} probes`;
    if (result.holdsInitially) out.say(`${result.predicate}: already true before the first event (${cost})`);
    if (result.index !== undefined) {
      const [event] = run.source.read(result.index, result.index + 1);
      out.say(
        out.bad(`${result.predicate}: first at event ${result.index} ${JSON.stringify(event)} (${cost})`),
      );
      out.data(String(result.index));
    } else if (!result.holdsInitially) {
      out.say(out.good(`${result.predicate}: never, in ${count(run.length)} events (${cost})`));
    }
    if (!result.monotone) {
      out.say(
        `  not monotone: it flips ${result.flips.length} times (judged at checkpoints, each flip exact):`,
      );
      for (const f of result.flips.slice(0, 20))
        out.say(`    event ${f.index}: ${f.holds ? "becomes true" : "becomes false"}`);
    }
    out.result({ file: path, ...result, ms });
    return result.index !== undefined || result.holdsInitially ? Exit.bad : Exit.good;
  } finally {
    run.close();
  }
}
