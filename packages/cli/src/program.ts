import { Command, Option } from "commander";
import { workloads } from "@pagefold/traces";
import { bisectCommand, type BisectCommandOptions } from "./commands/bisect.js";
import { demoCommand, type DemoCommandOptions } from "./commands/demo.js";
import { diffCommand, type DiffCommandOptions } from "./commands/diff.js";
import { minimizeCommand, type MinimizeCommandOptions } from "./commands/minimize.js";
import { recordCommand, type RecordCommandOptions } from "./commands/record.js";
import { replayCommand, verifyCommand, type ReplayCommandOptions } from "./commands/replay.js";
import { seekCommand, type SeekCommandOptions } from "./commands/seek.js";
import { statsCommand, type StatsCommandOptions } from "./commands/stats.js";
import type { ExitStatus } from "./exit.js";

const collect = (value: string, previous: string[]): string[] => [...previous, value];
const integer =
  (name: string, min = 0) =>
  (value: string): number => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min)
      throw new Error(`${name} must be an integer ≥ ${min}, got ${value}`);
    return n;
  };

/** Adds --config/--revision and --recover, which every run-reading command takes. */
function withConfig(cmd: Command): Command {
  return cmd
    .option("--recover", "read a damaged or unfinished recording up to its first damage")
    .option("--config <file>", "machine config (JSON) over the recorded one")
    .option(
      "--revision <subsystem=rev>",
      "select a subsystem revision, e.g. pagetables=2010 (repeatable)",
      collect,
      [],
    );
}

const json = new Option("--json", "print the result as JSON on stdout");
/** Checkpoints: digests and invariants for replay/verify/record/diff, bisection steps for bisect. */
const checkpointEvery = (k: number): Option =>
  new Option("--checkpoint-every <k>", "events between checkpoints")
    .argParser(integer("--checkpoint-every", 1))
    .default(k);

/**
 * The `pagefold` command. Each action stores its exit status in `status`; main() maps errors.
 * Exit statuses: 0 good, 1 bad, 125 cannot judge, 2 usage or input error.
 */
export function buildProgram(setStatus: (status: ExitStatus) => void): Command {
  const program = new Command("pagefold")
    .description("Deterministic replay, bisection and comparison of kernel memory-management models")
    .version("0.1.0")
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText(
      "after",
      "\nExit codes: 0 good, 1 bad (divergence, broken invariant, panic, predicate found),\n" +
        "125 cannot judge, 2 usage or input error (named by file, line, byte offset, event).\n" +
        "Human text goes to stderr, data to stdout (--json for documents).",
    );

  program
    .command("demo")
    .description("the whole loop on built-in workloads: record, verify, seek, bisect; paging and L1 stories")
    .option("--events <n>", "events to generate", integer("--events", 1), 200_000)
    .option("--seed <n>", "workload seed", integer("--seed"), 2002)
    .option("--keep <dir>", "keep the demo's recordings in this folder")
    .addOption(json)
    .action((o: DemoCommandOptions) => setStatus(demoCommand(o)));

  withConfig(
    program
      .command("record")
      .description("record a JSONL scenario or a generated workload into a .pfr recording")
      .argument("[scenario]", "JSONL scenario (or a recording to re-record)")
      .requiredOption("-o, --output <file>", "the .pfr file to write")
      .option("--workload <name>", `generate instead: ${workloads.map((w) => w.name).join(", ")}`)
      .option("--events <n>", "events to generate", integer("--events", 0), 100_000)
      .option("--seed <n>", "workload seed", integer("--seed"), 1)
      .option(
        "--snapshot-every <n>",
        "embed a state snapshot every N events (0: none)",
        integer("--snapshot-every"),
        65_536,
      )
      .option("--no-outcomes", "do not keep each event's outcome")
      .option("--from-snapshot <file>", "start from a state saved by seek --save"),
  )
    .addOption(checkpointEvery(16_384))
    .addOption(json)
    .action((input: string | undefined, o: RecordCommandOptions) => setStatus(recordCommand(input, o)));

  for (const [name, description, action] of [
    [
      "replay",
      "replay a recording or scenario, checking recorded outcomes, digests and invariants",
      replayCommand,
    ],
    ["verify", "check a recording's integrity, then replay and check it (for git bisect run)", verifyCommand],
  ] as const) {
    const cmd = withConfig(
      program.command(name).description(description).argument("<file>", ".pfr recording or .jsonl scenario"),
    );
    if (name === "replay") cmd.option("--jsonl", "print one outcome object per event on stdout");
    cmd
      .option("--every-event", "check invariants after every event (default: at checkpoints and the end)")
      .option("--no-invariants", "do not check invariants")
      .option("--from-snapshot <file>", "start from a state saved by seek --save")
      .addOption(checkpointEvery(16_384))
      .addOption(json)
      .action((file: string, o: ReplayCommandOptions) =>
        setStatus(action(file, { ...o, jsonl: o.jsonl === true })),
      );
  }

  program
    .command("diff")
    .description("run the same events under two configs or revisions and show where they part")
    .argument("<file>", ".pfr recording or .jsonl scenario")
    .option("--a-config <file>", "config of run A")
    .option("--a-revision <subsystem=rev>", "revision for run A (repeatable)", collect, [])
    .option("--b-config <file>", "config of run B")
    .option("--b-revision <subsystem=rev>", "revision for run B (repeatable)", collect, [])
    .addOption(checkpointEvery(4096))
    .addOption(json)
    .action((file: string, o: DiffCommandOptions) => setStatus(diffCommand(file, o)));

  withConfig(
    program
      .command("seek")
      .description("show the state after N events (negative N counts from the end)")
      .argument("<file>", ".pfr recording or .jsonl scenario")
      .argument("<n>", "events applied")
      .option("--save <file>", "save the state as a snapshot to start other runs from"),
  )
    .addOption(json)
    .action((file: string, n: string, o: SeekCommandOptions) => setStatus(seekCommand(file, n, o)));

  withConfig(
    program
      .command("bisect")
      .description("find the exact first event at which a predicate holds")
      .argument("<file>", ".pfr recording or .jsonl scenario")
      .argument(
        "<predicate>",
        "panic | invariant[:NAME] | outcome:[OP=]CODE | divergence | expr:JS over state (e.g. 'expr:state.ram.freePages < 100')",
      )
      .option(
        "--against <subsystem=rev>",
        "for divergence: compare with this revision (repeatable)",
        collect,
        [],
      )
      .option("--against-config <file>", "for divergence: compare with this config")
      .option("--every-event", "judge a state predicate after every event, not only at checkpoints"),
  )
    .addOption(checkpointEvery(1024))
    .addOption(json)
    .action((file: string, predicate: string, o: BisectCommandOptions) =>
      setStatus(bisectCommand(file, predicate, o)),
    );

  withConfig(
    program
      .command("minimize")
      .description("shrink a run to a minimal one on which the predicate still holds")
      .argument("<file>", ".pfr recording or .jsonl scenario")
      .argument("<predicate>", "as for bisect")
      .requiredOption("-o, --output <file>", "the minimized run (.jsonl scenario or .pfr recording)")
      .option(
        "--against <subsystem=rev>",
        "for divergence: compare with this revision (repeatable)",
        collect,
        [],
      )
      .option("--max-tests <n>", "stop after this many candidate runs", integer("--max-tests", 1), 5000)
      .option(
        "--max-events <n>",
        "refuse longer inputs (bisect first)",
        integer("--max-events", 1),
        1_000_000,
      ),
  )
    .addOption(json)
    .action((file: string, predicate: string, o: MinimizeCommandOptions) =>
      setStatus(minimizeCommand(file, predicate, o)),
    );

  withConfig(
    program
      .command("stats")
      .description("events, ops, outcome codes and file layout of a run")
      .argument("<file>", ".pfr recording or .jsonl scenario"),
  )
    .addOption(json)
    .action((file: string, o: StatsCommandOptions) => setStatus(statsCommand(file, o)));

  return program;
}
