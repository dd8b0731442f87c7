import type { Violation } from "./apply.js";
import { diffValues, type DiffEntry } from "./diff.js";
import type { Machine, MachineEvent, MachineState } from "./machine.js";
import { sameOutcome, type Outcome } from "./outcome.js";
import { Replayer } from "./replayer.js";

/** One event of a recorded run, with the outcome the recording observed (if it kept them). */
export interface RecordedEntry<E> {
  readonly event: E;
  readonly outcome?: Outcome | undefined;
}

export interface VerifyOptions<E = MachineEvent> {
  /**
   * Check invariants every K events and at the end (recorded digests are checked wherever the
   * recording has one). Default 16384: thorough invariants are O(state) each.
   */
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

/** A run handed over a chunk at a time (as a recording stores it): no object per event. */
export interface RecordedBatches<E> {
  batches(): Iterable<RecordedBatch<E>>;
}

export interface RecordedBatch<E> {
  readonly events: readonly E[];
  /** Outcomes aligned with `events`, when the recording kept them. */
  readonly outcomes?: readonly (Outcome | undefined)[] | undefined;
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
  run: Iterable<RecordedEntry<E>> | RecordedBatches<E>,
  options: VerifyOptions<E> = {},
): VerifyReport<E> {
  const pass = new VerifyPass(machine, initial, options);
  if (!pass.initialMatches()) return pass.finish();
  if ("batches" in run) {
    outer: for (const { events, outcomes } of run.batches()) {
      for (let k = 0; k < events.length; k++) if (!pass.step(events[k] as E, outcomes?.[k])) break outer;
    }
  } else {
    for (const { event, outcome } of run) if (!pass.step(event, outcome)) break;
  }
  return pass.finish();
}

type Problems<E> = Partial<Pick<VerifyReport<E>, "divergence" | "digestMismatch" | "violation" | "panic">>;

/** One verifying pass; `step` returns false at the first problem. */
class VerifyPass<S extends MachineState, E extends MachineEvent> {
  private readonly every: number;
  private readonly invariants: "none" | "checkpoints" | "every-event";
  private readonly replayer: Replayer<S, E>;
  private lastCheckpoint: Replayer<S, E>;
  private readonly sinceCheckpoint: E[] = [];
  /** Recorded digest indices in order, and the next one to meet. */
  private readonly digestAt: number[];
  private nextDigest = 0;
  private okCount = 0;
  private readonly errorCodes = new Map<string, number>();
  private outcomesChecked = 0;
  private digestsChecked = 0;
  private problems: Problems<E> = {};

  constructor(
    private readonly machine: Machine<S, E, unknown>,
    initial: S,
    private readonly options: VerifyOptions<E>,
  ) {
    this.every = Math.max(1, options.checkpointEvery ?? 16_384);
    this.invariants = options.invariants ?? "checkpoints";
    this.replayer = new Replayer(machine, initial);
    this.lastCheckpoint = new Replayer(machine, initial);
    this.digestAt = [...(options.digests?.keys() ?? [])].filter((i) => i > 0).sort((a, b) => a - b);
  }

  /** The recorded digest of the initial state (index 0), when there is one. */
  initialMatches(): boolean {
    const expected = this.options.digests?.get(0);
    if (expected === undefined) return true;
    this.digestsChecked++;
    const actual = this.replayer.digest().combined;
    if (actual === expected) return true;
    this.problems = { digestMismatch: { index: 0, expected, actual } };
    return false;
  }

  step(event: E, expected: Outcome | undefined): boolean {
    const replayer = this.replayer;
    const index = replayer.index;
    const actual = replayer.apply(event);
    this.options.onEvent?.(index, event, actual);
    if (actual.ok) this.okCount++;
    else this.errorCodes.set(actual.code, (this.errorCodes.get(actual.code) ?? 0) + 1);
    if (expected !== undefined) {
      this.outcomesChecked++;
      if (!sameOutcome(expected, actual)) {
        const changed = changedBy(this.machine, this.lastCheckpoint, this.sinceCheckpoint, event);
        this.problems = { divergence: { index, event, expected, actual, changed } };
        return false;
      }
    }
    if (!actual.ok && (actual.code === "PANIC" || actual.code === "INTERNAL")) {
      this.problems = { panic: { index, event, message: actual.message ?? actual.code } };
      return false;
    }
    const applied = index + 1;
    const atCheckpoint = applied % this.every === 0;
    const atDigest = this.digestAt[this.nextDigest] === applied;
    if ((atCheckpoint || atDigest || this.invariants === "every-event") && !this.checkState()) return false;
    if (atCheckpoint) {
      this.lastCheckpoint = new Replayer(this.machine, replayer.peek(), applied);
      this.sinceCheckpoint.length = 0;
      this.options.onProgress?.(applied);
    } else {
      this.sinceCheckpoint.push(event);
    }
    return true;
  }

  finish(): VerifyReport<E> {
    const clean = Object.keys(this.problems).length === 0;
    if (clean && this.replayer.index > 0 && this.replayer.index % this.every !== 0) this.checkState();
    const codes: Record<string, number> = {};
    if (this.okCount > 0) codes.ok = this.okCount;
    for (const [code, n] of this.errorCodes) codes[code] = n;
    return {
      events: this.replayer.index,
      outcomesChecked: this.outcomesChecked,
      digestsChecked: this.digestsChecked,
      codes,
      ...this.problems,
      finalDigest: this.replayer.digest().combined,
    };
  }

  /** Recorded digest (if one is due here) and invariants; false when either fails. */
  private checkState(): boolean {
    const index = this.replayer.index;
    while ((this.digestAt[this.nextDigest] ?? Infinity) < index) this.nextDigest++;
    if (this.digestAt[this.nextDigest] === index) {
      this.nextDigest++;
      const expected = this.options.digests?.get(index) as string;
      this.digestsChecked++;
      const actual = this.replayer.digest().combined;
      if (actual !== expected) {
        this.problems = { digestMismatch: { index, expected, actual } };
        return false;
      }
    }
    if (this.invariants !== "none") {
      const violations = this.replayer.violations();
      if (violations.length > 0) {
        this.problems = { violation: { index, violations } };
        return false;
      }
    }
    return true;
  }
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
