import { writeFileSync } from "node:fs";
import { minimize, parsePredicate, PagefoldError } from "@pagefold/engine";
import { kernelMachine, type KernelEvent } from "@pagefold/kernel";
import { formatScenario } from "@pagefold/recording";
import type { ConfigOverrides } from "../config-options.js";
import { Exit, type ExitStatus } from "../exit.js";
import { count, Output } from "../output.js";
import { record } from "../recorder.js";
import { openRun } from "../run-input.js";

export interface MinimizeCommandOptions extends ConfigOverrides {
  readonly output: string;
  readonly against: string[];
  readonly maxTests: number;
  readonly maxEvents: number;
  readonly json: boolean;
}

/**
 * `pagefold minimize FILE PREDICATE -o small.jsonl`: the smallest stream delta debugging finds
 * that still makes the predicate hold, written as a scenario (.jsonl) or a recording (.pfr).
 */
export function minimizeCommand(
  path: string,
  predicateText: string,
  options: MinimizeCommandOptions,
): ExitStatus {
  const out = new Output(options.json);
  const predicate = parsePredicate(predicateText);
  const run = openRun(path, options);
  try {
    if (run.length > options.maxEvents) {
      throw new PagefoldError(
        "PFOLD_USAGE",
        `${count(run.length)} events is more than --max-events ${count(options.maxEvents)}: bisect first, then minimize a prefix`,
      );
    }
    const events: KernelEvent[] = [...run.source.read(0, run.length)];
    const against =
      options.against.length > 0 ? openRun(path, { revision: options.against }).initial : undefined;
    const started = performance.now();
    const result = minimize(kernelMachine, run.initial, events, predicate, {
      maxTests: options.maxTests,
      ...(against === undefined ? {} : { against }),
    });
    const ms = performance.now() - started;
    if (options.output.endsWith(".jsonl")) {
      if (run.fromSavedState)
        throw new PagefoldError("PFOLD_USAGE", "this run starts from a saved state: write a .pfr to keep it");
      writeFileSync(options.output, formatScenario(run.config, result.events));
    } else {
      record(options.output, result.events, {
        config: run.config,
        creator: "pagefold minimize",
        ...(run.fromSavedState ? { initial: run.initial } : {}),
      });
    }
    out.say(
      `minimized ${count(result.originalLength)} events to ${count(result.events.length)} in ${result.tests} runs (${ms.toFixed(0)} ms)` +
        `${result.complete ? "" : " — stopped at --max-tests, not 1-minimal"}; it holds at event ${result.index}`,
    );
    out.say(`wrote ${options.output}`);
    out.result({ file: options.output, ...result, events: result.events.length, ms });
    return Exit.good;
  } finally {
    run.close();
  }
}
