import type { Violation } from "./apply.js";
import { diffValues, type DiffEntry } from "./diff.js";
import type { Machine, MachineEvent, MachineState } from "./machine.js";
import { outcomeCode, sameOutcome, type Outcome } from "./outcome.js";
import { Replayer } from "./replayer.js";

/** One event of a recorded run, with the outcome the recording observed (if it kept them). */
export interface RecordedEntry<E> {
  readonly event: E;
  readonly outcome?: Outcome | undefined;
}

export interface VerifyOptions<E = MachineEvent> {
  /** Check invariants and recorded digests every K events. Default 4096. */
  readonly checkpointEvery?: number;
  /** When to check invariants. Default "checkpoints" (every K events and at the end). */
  readonly invariants?: "none" | "checkpoints" | "every-event";
  /** Recorded combined digests by state index (events applied). */
  readonly digests?: ReadonlyMap<number, string>;
  /** Called every K events with the number applied so far. */
  readonly onProgress?: (applied: number) => void;
  /** Called with every event's replayed outcome (e.g. to print it). */
  readonly onEvent?: (index: number, event: E, outcome: Outcome) => void;
}

/** The first event whose replayed outcome differs from the recorded one. */
export interface OutcomeDivergence<E> {
  readonly index: number;
  readonly event: E;
  readonly expected: Outcome;
  readonly actual: Outcome;
  /** What the event changed in the replayed state (readable view before → after). */
  readonly changed: readonly DiffEntry[];
}

export interface VerifyReport<E> {
  /** Events applied (the run stops at the first problem). */
  readonly events: number;
  readonly outcomesChecked: number;
  readonly digestsChecked: number;
  /** How often each outcome code was answered (`ok` for success). */
  readonly codes: Readonly<Record<string, number>>;
  readonly divergence?: OutcomeDivergence<E>;
  /** A recorded checkpoint digest that the replay does not reproduce (state index). */
  readonly digestMismatch?: { readonly index: number; readonly expected: string; readonly actual: string };
  /** The first state index where an invariant was found broken. */
  readonly violation?: { readonly index: number; readonly violations: readonly Violation[] };
  /** The event that panicked the machine. */
  readonly panic?: { readonly index: number; readonly event: E; readonly message: string };
  readonly finalDigest: string;
}

/** Verdict of a verify report: no divergence, no broken invariant, no panic. */
export function verifiedGood(report: VerifyReport<unknown>): boolean {
  return (
    report.divergence === undefined &&
    report.digestMismatch === undefined &&
    report.violation === undefined &&
    report.panic === undefined
  );
}

/**
 * Replays a recorded run in bulk and checks it against what the recording observed:
 * outcomes at every event, digests at checkpoints, invariants at checkpoints (or every
 * event). Stops at the first problem. Memory stays bounded: one working state and the
 * state at the last checkpoint.
 */
export function verifyRun<S extends MachineState, E extends MachineEvent>(
  machine: Machine<S, E, unknown>,
  initial: S,
  entries: Iterable<RecordedEntry<E>>,
  options: VerifyOptions<E> = {},
): VerifyReport<E> {
  const every = Math.max(1, options.checkpointEvery ?? 4096);
  const invariants = options.invariants ?? "checkpoints";
  const replayer = new Replayer(machine, initial);
  let lastCheckpoint = new Replayer(machine, initial);
  let sinceCheckpoint: E[] = [];
  const codes: Record<string, number> = {};
  let outcomesChecked = 0;
  let digestsChecked = 0;
  let result: Partial<Pick<VerifyReport<E>, "divergence" | "digestMismatch" | "violation" | "panic">> = {};

  const checkState = (): boolean => {
    const index = replayer.index;
    const expected = options.digests?.get(index);
    if (expected !== undefined) {
      digestsChecked++;
      const actual = replayer.digest().combined;
      if (actual !== expected) {
        result = { digestMismatch: { index, expected, actual } };
        return false;
      }
    }
    if (invariants !== "none") {
      const violations = replayer.violations();
      if (violations.length > 0) {
        result = { violation: { index, violations } };
        return false;
      }
    }
    return true;
  };

  for (const { event, outcome: expected } of entries) {
    const index = replayer.index;
    const actual = replayer.apply(event);
    options.onEvent?.(index, event, actual);
    const code = outcomeCode(actual);
    codes[code] = (codes[code] ?? 0) + 1;
    if (expected !== undefined) {
      outcomesChecked++;
      if (!sameOutcome(expected, actual)) {
        const changed = changedBy(machine, lastCheckpoint, sinceCheckpoint, event);
        result = { divergence: { index, event, expected, actual, changed } };
        break;
      }
    }
    if (!actual.ok && (actual.code === "PANIC" || actual.code === "INTERNAL")) {
      result = { panic: { index, event, message: actual.message ?? actual.code } };
      break;
    }
    const atCheckpoint = replayer.index % every === 0;
    if (
      (atCheckpoint || invariants === "every-event" || options.digests?.has(replayer.index)) &&
      !checkState()
    )
      break;
    if (atCheckpoint) {
      lastCheckpoint = new Replayer(machine, replayer.peek(), replayer.index);
      sinceCheckpoint = [];
      options.onProgress?.(replayer.index);
    } else {
      sinceCheckpoint.push(event);
    }
  }
  const clean = Object.keys(result).length === 0;
  if (clean && replayer.index % every !== 0) checkState();
  return {
    events: replayer.index,
    outcomesChecked,
    digestsChecked,
    codes,
    ...result,
    finalDigest: replayer.digest().combined,
  };
}

/** What event `event` changed: replayed from the checkpoint through the events since it. */
function changedBy<S extends MachineState, E extends MachineEvent>(
  machine: Machine<S, E, unknown>,
  checkpoint: Replayer<S, E>,
  since: readonly E[],
  event: E,
): DiffEntry[] {
  const replay = new Replayer(machine, checkpoint.peek(), checkpoint.index);
  for (const e of since) replay.apply(e);
  const before = machine.view(replay.peek());
  replay.apply(event);
  return diffValues(before, machine.view(replay.peek()));
}
