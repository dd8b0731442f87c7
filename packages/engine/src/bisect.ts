import { compareRuns } from "./compare.js";
import { PagefoldError } from "./errors.js";
import type { Machine, MachineEvent, MachineState } from "./machine.js";
import { sameOutcome, type Outcome } from "./outcome.js";
import { describePredicate, isStatePredicate, outcomeTest, stateTest, type Predicate } from "./predicate.js";
import type { Timeline } from "./timeline.js";

export interface BisectOptions<S> {
  /** For `divergence`: the outcomes a recording observed, in event order. */
  readonly recordedOutcomes?: Iterable<Outcome | undefined>;
  /** For `divergence`: the initial state of a second configuration to run side by side. */
  readonly against?: S;
  /**
   * Judge a state predicate after every event of the pass instead of at checkpoints: exact
   * for predicates that hold only briefly, at the cost of one evaluation per event.
   */
  readonly everyEvent?: boolean;
}

/** A change of a state predicate's value: it holds (or stops holding) from event `index` on. */
export interface Flip {
  readonly index: number;
  readonly holds: boolean;
}

export interface BisectResult {
  readonly predicate: string;
  /** The first event index after which the predicate holds; undefined when it never does. */
  readonly index?: number;
  /** The predicate already holds before any event. */
  readonly holdsInitially: boolean;
  /** False when the predicate became true, then false again (or more flips). */
  readonly monotone: boolean;
  /** Every flip found (judged at checkpoints, each narrowed to its exact event). */
  readonly flips: readonly Flip[];
  /** Partial replays made to narrow flips (each at most one checkpoint interval). */
  readonly probes: number;
  readonly eventsReplayed: number;
}

/**
 * The exact first event at which a predicate becomes true.
 *
 * Event predicates (an outcome code, a panic, divergence) are found by one forward pass.
 * State predicates (an invariant, an expression) are judged at every checkpoint of one pass,
 * and each change between two checkpoints is narrowed by binary search, replaying at most one
 * checkpoint interval per probe: O(log K) probes after the pass. A predicate that flips more
 * than once is reported as not monotone, with every flip found.
 */
export function bisect<S extends MachineState, E extends MachineEvent>(
  timeline: Timeline<S, E>,
  predicate: Predicate,
  options: BisectOptions<S> = {},
): BisectResult {
  const described = describePredicate(predicate);
  if (predicate.kind === "divergence") return bisectDivergence(timeline, described, options);
  if (!isStatePredicate(predicate)) return bisectEvent(timeline, predicate, described);
  const test = stateTest(timeline.machine, predicate);
  if (options.everyEvent === true) return scanEveryEvent(timeline, test, described);
  const start = timeline.eventsReplayed;
  const final = timeline.run();
  const points = timeline
    .checkpointList()
    .map((c) => ({ index: c.index, holds: test(c.state) }))
    .filter((p) => p.index <= final.index);
  if (points[points.length - 1]?.index !== final.index)
    points.push({ index: final.index, holds: test(final.peek()) });

  let probes = 0;
  const flips: Flip[] = [];
  for (let j = 1; j < points.length; j++) {
    const prev = points[j - 1] as { index: number; holds: boolean };
    const next = points[j] as { index: number; holds: boolean };
    if (prev.holds === next.holds) continue;
    let lo = prev.index;
    let hi = next.index;
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      probes++;
      if (test(timeline.stateAt(mid)) === next.holds) hi = mid;
      else lo = mid;
    }
    flips.push({ index: hi - 1, holds: next.holds });
  }
  return stateResult(described, points[0]?.holds ?? false, flips, probes, timeline.eventsReplayed - start);
}

/** The result of a state predicate from the flips found: the first false→true flip is the answer. */
function stateResult(
  predicate: string,
  holdsInitially: boolean,
  flips: readonly Flip[],
  probes: number,
  eventsReplayed: number,
): BisectResult {
  const firstTrue = flips.find((f) => f.holds);
  const monotone = holdsInitially ? flips.length === 0 : flips.length <= 1;
  const base = { predicate, holdsInitially, monotone, flips, probes, eventsReplayed };
  return firstTrue === undefined ? base : { ...base, index: firstTrue.index };
}

function scanEveryEvent<S extends MachineState, E extends MachineEvent>(
  timeline: Timeline<S, E>,
  test: (state: S) => boolean,
  described: string,
): BisectResult {
  const start = timeline.eventsReplayed;
  const holdsInitially = test(timeline.stateAt(0));
  let holds = holdsInitially;
  const flips: Flip[] = [];
  timeline.run((index, _event, _outcome, replayer) => {
    const now = test(replayer.peek());
    if (now !== holds) flips.push({ index, holds: now });
    holds = now;
  });
  return stateResult(described, holdsInitially, flips, 0, timeline.eventsReplayed - start);
}

function bisectEvent<S extends MachineState, E extends MachineEvent>(
  timeline: Timeline<S, E>,
  predicate: Predicate,
  described: string,
): BisectResult {
  const test = outcomeTest(predicate);
  if (test === undefined) throw new PagefoldError("PFOLD_USAGE", `cannot bisect on ${described}`);
  const start = timeline.eventsReplayed;
  let index: number | undefined;
  timeline.run((i, event, outcome) => {
    if (!test(event, outcome)) return false;
    index = i;
    return true;
  });
  return eventResult(described, index, timeline.eventsReplayed - start);
}

function bisectDivergence<S extends MachineState, E extends MachineEvent>(
  timeline: Timeline<S, E>,
  described: string,
  options: BisectOptions<S>,
): BisectResult {
  const machine: Machine<S, E, unknown> = timeline.machine;
  if (options.against !== undefined) {
    const left = timeline.stateAt(0);
    const report = compareRuns(machine, left, options.against, timeline.source.read(0, timeline.length));
    return eventResult(described, report.divergence?.index, report.events * 2);
  }
  if (options.recordedOutcomes === undefined) {
    throw new PagefoldError(
      "PFOLD_CANNOT_JUDGE",
      "divergence needs recorded outcomes or a second configuration to compare with",
    );
  }
  const expected = options.recordedOutcomes[Symbol.iterator]();
  const start = timeline.eventsReplayed;
  let index: number | undefined;
  timeline.run((i, _event, outcome) => {
    const recorded = expected.next();
    if (recorded.done === true || recorded.value === undefined || sameOutcome(recorded.value, outcome))
      return false;
    index = i;
    return true;
  });
  return eventResult(described, index, timeline.eventsReplayed - start);
}

function eventResult(predicate: string, index: number | undefined, eventsReplayed: number): BisectResult {
  const base = { predicate, holdsInitially: false, monotone: true, probes: 0, eventsReplayed };
  return index === undefined ? { ...base, flips: [] } : { ...base, index, flips: [{ index, holds: true }] };
}
