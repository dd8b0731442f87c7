import { diffValues, type DiffEntry } from "./diff.js";
import type { Machine, MachineEvent, MachineState } from "./machine.js";
import { sameOutcome, type Outcome } from "./outcome.js";
import { Replayer } from "./replayer.js";

export interface CompareOptions {
  /** Compare state digests every K events (and find the exact event between). Default 1024. */
  readonly checkpointEvery?: number;
  readonly onProgress?: (applied: number) => void;
}

/** Where two configurations (revisions) of a machine first part ways on the same events. */
export interface RunDivergence<E> {
  /** The event index. */
  readonly index: number;
  readonly event: E;
  /** `outcome` when the answers differ; `state` when the answers agree but the states do not. */
  readonly kind: "outcome" | "state";
  readonly left: Outcome;
  readonly right: Outcome;
  /** The readable state difference right after the event, limited to what differs. */
  readonly stateDiff: readonly DiffEntry[];
}

export interface CompareReport<E> {
  readonly events: number;
  readonly divergence?: RunDivergence<E>;
  readonly leftDigest: string;
  readonly rightDigest: string;
}

/**
 * Runs two initial states (the same machine under two configs or revisions) side by side on
 * the same events and reports the first event where their outcomes or states differ.
 * Outcomes are compared at every event; digests every K events, and a digest difference is
 * narrowed to the exact event by replaying both sides from their last agreeing checkpoint.
 * A state difference that heals before the next checkpoint (with equal answers throughout) is
 * not seen: K = 1 compares the states after every event, at the cost of two digests per event.
 */
export function compareRuns<S extends MachineState, E extends MachineEvent>(
  machine: Machine<S, E, unknown>,
  left: S,
  right: S,
  events: Iterable<E>,
  options: CompareOptions = {},
): CompareReport<E> {
  const every = Math.max(1, options.checkpointEvery ?? 1024);
  const a = new Replayer(machine, left);
  const b = new Replayer(machine, right);
  let checkpointA = new Replayer(machine, left);
  let checkpointB = new Replayer(machine, right);
  let since: E[] = [];
  let divergence: RunDivergence<E> | undefined;

  for (const event of events) {
    const index = a.index;
    const outA = a.apply(event);
    const outB = b.apply(event);
    if (!sameOutcome(outA, outB)) {
      divergence = {
        index,
        event,
        kind: "outcome",
        left: outA,
        right: outB,
        stateDiff: diffValues(machine.view(a.peek()), machine.view(b.peek())),
      };
      break;
    }
    since.push(event);
    if (a.index % every !== 0) continue;
    if (a.digest().combined !== b.digest().combined) {
      divergence = narrow(machine, checkpointA, checkpointB, since);
      break;
    }
    checkpointA = new Replayer(machine, a.peek(), a.index);
    checkpointB = new Replayer(machine, b.peek(), b.index);
    since = [];
    options.onProgress?.(a.index);
  }
  if (divergence === undefined && since.length > 0 && a.digest().combined !== b.digest().combined) {
    divergence = narrow(machine, checkpointA, checkpointB, since);
  }
  const report = { events: a.index, leftDigest: a.digest().combined, rightDigest: b.digest().combined };
  return divergence === undefined ? report : { ...report, divergence };
}

/** Replays both sides from their last agreeing checkpoint, comparing digests at every event. */
function narrow<S extends MachineState, E extends MachineEvent>(
  machine: Machine<S, E, unknown>,
  fromA: Replayer<S, E>,
  fromB: Replayer<S, E>,
  events: readonly E[],
): RunDivergence<E> {
  const a = new Replayer(machine, fromA.peek(), fromA.index);
  const b = new Replayer(machine, fromB.peek(), fromB.index);
  for (const event of events) {
    const index = a.index;
    const left = a.apply(event);
    const right = b.apply(event);
    if (a.digest().combined !== b.digest().combined) {
      const stateDiff = diffValues(machine.view(a.peek()), machine.view(b.peek()));
      return { index, event, kind: "state", left, right, stateDiff };
    }
  }
  throw new Error("digests differed at a checkpoint but at no event since the last one");
}
