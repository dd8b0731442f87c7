import { checkInvariants } from "./apply.js";
import { compareRuns } from "./compare.js";
import { PagefoldError } from "./errors.js";
import type { IdRange, Machine, MachineEvent, MachineState, ReferenceModel } from "./machine.js";
import type { Outcome } from "./outcome.js";
import { isStatePredicate, outcomeTest, stateTest, type Predicate } from "./predicate.js";
import { Replayer } from "./replayer.js";

export interface MinimizeOptions<S> {
  /** For `divergence`: the initial state of the second configuration. */
  readonly against?: S;
  /** Stop after this many candidate runs (the result is still a failing stream). Default 5000. */
  readonly maxTests?: number;
  readonly onProgress?: (size: number, tests: number) => void;
}

export interface MinimizeResult<E> {
  readonly events: readonly E[];
  /** Index (in the minimized stream) of the event at which the predicate first holds. */
  readonly index: number;
  readonly originalLength: number;
  readonly tests: number;
  /** True when ddmin ran to a 1-minimal result (no single removable event left). */
  readonly complete: boolean;
}

/**
 * Delta debugging (ddmin) of an event stream against a predicate, keeping references between
 * events valid: an event is kept only with the events that produced the ids it refers to, and
 * its ids are rewritten to what those producers answer in the smaller run.
 */
export function minimize<S extends MachineState, E extends MachineEvent>(
  machine: Machine<S, E, unknown>,
  initial: S,
  events: readonly E[],
  predicate: Predicate,
  options: MinimizeOptions<S> = {},
): MinimizeResult<E> {
  const maxTests = options.maxTests ?? 5000;
  const hit = firstHit(machine, initial, events, predicate, options.against);
  if (hit === undefined)
    throw new PagefoldError("PFOLD_CANNOT_JUDGE", "the predicate never holds on this stream");
  const prefix = events.slice(0, hit + 1);
  const links = linkReferences(machine, initial, prefix);
  let tests = 0;
  const attempt = (keep: readonly number[]): number | undefined => {
    tests++;
    return firstHit(
      machine,
      initial,
      materialize(machine, initial, prefix, keep, links),
      predicate,
      options.against,
    );
  };

  let kept = closeOverDependencies(
    prefix.map((_, i) => i),
    links,
  );
  let n = 2;
  let complete = false;
  while (tests < maxTests) {
    if (kept.length < 2) {
      complete = true;
      break;
    }
    const size = Math.ceil(kept.length / n);
    let reduced = false;
    for (let start = 0; start < kept.length && tests < maxTests; start += size) {
      const removed = new Set(kept.slice(start, start + size));
      const candidate = closeOverDependencies(
        kept.filter((i) => !removed.has(i)),
        links,
      );
      if (candidate.length === kept.length) continue;
      const at = attempt(candidate);
      if (at !== undefined) {
        kept = closeOverDependencies(candidate.slice(0, at + 1), links);
        n = Math.max(n - 1, 2);
        reduced = true;
        options.onProgress?.(kept.length, tests);
        break;
      }
    }
    if (reduced) continue;
    if (n >= kept.length) {
      complete = true;
      break;
    }
    n = Math.min(n * 2, kept.length);
  }
  const minimized = materialize(machine, initial, prefix, kept, links);
  const index = firstHit(machine, initial, minimized, predicate, options.against) ?? minimized.length - 1;
  return { events: minimized, index, originalLength: events.length, tests, complete };
}

/** The first event index at which the predicate holds, judged after every event. */
export function firstHit<S extends MachineState, E extends MachineEvent>(
  machine: Machine<S, E, unknown>,
  initial: S,
  events: readonly E[],
  predicate: Predicate,
  against?: S,
): number | undefined {
  if (predicate.kind === "divergence") {
    if (against === undefined)
      throw new PagefoldError("PFOLD_CANNOT_JUDGE", "minimizing a divergence needs a second configuration");
    return compareRuns(machine, initial, against, events, { checkpointEvery: 1 }).divergence?.index;
  }
  const replayer = new Replayer(machine, initial);
  if (isStatePredicate(predicate)) {
    const test =
      predicate.kind === "invariant" && predicate.name === undefined
        ? (s: S) => checkInvariants(machine, s).length > 0
        : stateTest(machine, predicate);
    for (let i = 0; i < events.length; i++) {
      replayer.apply(events[i] as E);
      if (test(replayer.peek())) return i;
    }
    return undefined;
  }
  const test = outcomeTest(predicate) as (e: MachineEvent, o: Outcome) => boolean;
  for (let i = 0; i < events.length; i++) {
    if (test(events[i] as E, replayer.apply(events[i] as E))) return i;
  }
  return undefined;
}

/** For each event, the references it makes: the producing event, which range, and the offset. */
interface Link {
  readonly producer: number;
  readonly range: number;
  readonly offset: number;
}

interface Links {
  readonly refs: readonly (readonly (Link | undefined)[])[];
  readonly model: ReferenceModel<MachineEvent> | undefined;
}

function linkReferences<S extends MachineState, E extends MachineEvent>(
  machine: Machine<S, E, unknown>,
  initial: S,
  events: readonly E[],
): Links {
  const model = machine.references as ReferenceModel<MachineEvent> | undefined;
  if (model === undefined) return { refs: events.map(() => []), model };
  const owner = new Map<string, Link>();
  const replayer = new Replayer(machine, initial);
  const refs = events.map((event, index) => {
    const links = model.referenced(event).map((r) => owner.get(`${r.kind}:${r.id}`));
    const produced = model.produced(event, replayer.apply(event));
    produced.forEach((range, k) => {
      for (let o = 0; o < range.span; o++)
        owner.set(`${range.kind}:${range.id + o}`, { producer: index, range: k, offset: o });
    });
    return links;
  });
  return { refs, model };
}

/** Drops every event whose producers are not all kept (producers always come first). */
function closeOverDependencies(keep: readonly number[], links: Links): number[] {
  const kept = new Set<number>();
  for (const i of keep) {
    if ((links.refs[i] ?? []).every((l) => l === undefined || kept.has(l.producer))) kept.add(i);
  }
  return keep.filter((i) => kept.has(i));
}

/** The kept events with their references rewritten to the ids their producers now answer. */
function materialize<S extends MachineState, E extends MachineEvent>(
  machine: Machine<S, E, unknown>,
  initial: S,
  events: readonly E[],
  keep: readonly number[],
  links: Links,
): E[] {
  const model = links.model;
  if (model === undefined) return keep.map((i) => events[i] as E);
  const producedNow = new Map<number, readonly IdRange[]>();
  const replayer = new Replayer(machine, initial);
  return keep.map((i) => {
    const original = events[i] as E;
    const refs = model.referenced(original);
    const mapped = refs.map((r, k) => {
      const link = links.refs[i]?.[k];
      const range = link === undefined ? undefined : producedNow.get(link.producer)?.[link.range];
      return link === undefined || range === undefined ? r.id : range.id + link.offset;
    });
    const event = refs.length === 0 ? original : (model.rewrite(original, mapped) as E);
    producedNow.set(i, model.produced(event, replayer.apply(event)));
    return event;
  });
}
