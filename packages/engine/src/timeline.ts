import { checks } from "./checks.js";
import { cloneState, deepFreeze } from "./clone.js";
import type { Machine, MachineEvent, MachineState } from "./machine.js";
import type { Outcome } from "./outcome.js";
import { Replayer } from "./replayer.js";
import { batchesOf, type EventSource } from "./source.js";

export interface TimelineOptions {
  /** Keep a checkpoint every K events (doubles each time the budget is reached). Default 1024. */
  readonly checkpointEvery?: number;
  /** At most this many in-memory checkpoints; older ones are thinned to every other. Default 256. */
  readonly maxCheckpoints?: number;
  /** Ready-made states (e.g. snapshots embedded in a recording), loaded only when used. */
  readonly snapshots?: SnapshotProvider<unknown>;
}

/** Where to find stored states without replaying from the start. */
export interface SnapshotProvider<S> {
  /** The stored state with the largest index ≤ `index`, if any. */
  nearest(index: number): { readonly index: number; load(): S } | undefined;
}

/** A stored state after `index` events. */
export interface Checkpoint<S> {
  readonly index: number;
  readonly state: S;
}

/** Called for every event a full pass applies; return `true` to stop the pass after it. */
export type EventVisitor<S extends MachineState, E extends MachineEvent> = (
  index: number,
  event: E,
  outcome: Outcome,
  replayer: Replayer<S, E>,
) => boolean | void;

/**
 * A run you can move around in: the state after any number of events, from the nearest
 * checkpoint. Checkpoints are taken every K events as replays pass them and thinned as the
 * run grows, so memory stays bounded however long the run is.
 *
 * @example
 * const tl = new Timeline(machine, machine.init(config), arraySource(events));
 * tl.stateAt(500_000); // replays at most K events from the nearest checkpoint
 */
export class Timeline<S extends MachineState, E extends MachineEvent> {
  private every: number;
  private readonly maxCheckpoints: number;
  private readonly checkpoints: Checkpoint<S>[];
  private readonly snapshots: SnapshotProvider<S> | undefined;
  private replayed = 0;

  constructor(
    readonly machine: Machine<S, E, unknown>,
    initial: S,
    readonly source: EventSource<E>,
    options: TimelineOptions = {},
  ) {
    this.every = Math.max(1, Math.floor(options.checkpointEvery ?? 1024));
    this.maxCheckpoints = Math.max(2, Math.floor(options.maxCheckpoints ?? 256));
    this.checkpoints = [{ index: 0, state: freezeIfChecked(cloneState(initial)) }];
    this.snapshots = options.snapshots as SnapshotProvider<S> | undefined;
  }

  /** Number of events; states exist for 0..length. */
  get length(): number {
    return this.source.length;
  }

  /** The current checkpoint spacing (grows as checkpoints are thinned). */
  get checkpointEvery(): number {
    return this.every;
  }

  /** Events replayed so far by this timeline (all passes and seeks together). */
  get eventsReplayed(): number {
    return this.replayed;
  }

  /** The in-memory checkpoints, oldest first. */
  checkpointList(): readonly Checkpoint<S>[] {
    return this.checkpoints;
  }

  /** The state after `n` events (0 = the initial state). */
  stateAt(n: number): S {
    const replayer = this.replayerAt(n);
    return replayer.snapshot();
  }

  /** The outcome of event `i` (0-based), with the state it was applied to. */
  outcomeAt(i: number): { before: S; outcome: Outcome; after: S } {
    const replayer = this.replayerAt(i);
    const before = replayer.snapshot();
    const [event] = this.source.read(i, i + 1);
    if (event === undefined) throw new RangeError(`no event ${i} (run has ${this.length})`);
    const outcome = replayer.apply(event);
    return { before, outcome, after: replayer.snapshot() };
  }

  /**
   * A replayer positioned after `n` events, started from the nearest checkpoint or snapshot.
   * It is private to the caller: applying more events to it changes nothing here.
   */
  replayerAt(n: number): Replayer<S, E> {
    if (!Number.isInteger(n) || n < 0 || n > this.length) {
      throw new RangeError(`state index ${n} is outside 0..${this.length}`);
    }
    const start = this.nearestStart(n);
    const replayer = new Replayer(this.machine, start.state, start.index);
    if (start.index < n) this.advance(replayer, n);
    return replayer;
  }

  /** Replays from the furthest checkpoint ≤ `from` to the end (or until `visit` returns true). */
  run(visit?: EventVisitor<S, E>, from = 0): Replayer<S, E> {
    const start = this.nearestStart(from);
    const replayer = new Replayer(this.machine, start.state, start.index);
    if (visit === undefined) {
      this.advance(replayer, this.length);
      return replayer;
    }
    let index = start.index;
    for (const batch of batchesOf(this.source, start.index, this.length)) {
      for (const event of batch) {
        const outcome = replayer.apply(event);
        this.replayed++;
        this.remember(replayer);
        if (index >= from && visit(index, event, outcome, replayer) === true) return replayer;
        index++;
      }
    }
    return replayer;
  }

  private advance(replayer: Replayer<S, E>, to: number): void {
    const every = this.every;
    for (const batch of batchesOf(this.source, replayer.index, to)) {
      for (const event of batch) {
        replayer.apply(event);
        if (replayer.index % every === 0) this.remember(replayer);
      }
      this.replayed += batch.length;
    }
  }

  private nearestStart(n: number): Checkpoint<S> {
    const mem = this.checkpoints[this.lastAtOrBefore(n)] as Checkpoint<S>;
    const stored = this.snapshots?.nearest(n);
    if (stored !== undefined && stored.index > mem.index && stored.index <= n) {
      const checkpoint = { index: stored.index, state: freezeIfChecked(stored.load()) };
      this.insert(checkpoint);
      return checkpoint;
    }
    return mem;
  }

  private remember(replayer: Replayer<S, E>): void {
    const index = replayer.index;
    if (index % this.every !== 0) return;
    const at = this.lastAtOrBefore(index);
    if ((this.checkpoints[at] as Checkpoint<S>).index === index) return;
    this.insert({ index, state: replayer.snapshot() });
  }

  private insert(checkpoint: Checkpoint<S>): void {
    const at = this.lastAtOrBefore(checkpoint.index);
    if ((this.checkpoints[at] as Checkpoint<S>).index === checkpoint.index) return;
    this.checkpoints.splice(at + 1, 0, checkpoint);
    if (this.checkpoints.length > this.maxCheckpoints) this.thin();
  }

  /** Doubles the spacing: keeps the initial state and every checkpoint on the new grid. */
  private thin(): void {
    this.every *= 2;
    let kept = 0;
    for (let i = 0; i < this.checkpoints.length; i++) {
      const c = this.checkpoints[i] as Checkpoint<S>;
      if (c.index === 0 || c.index % this.every === 0) this.checkpoints[kept++] = c;
    }
    this.checkpoints.length = kept;
  }

  private lastAtOrBefore(n: number): number {
    let lo = 0;
    let hi = this.checkpoints.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.checkpoints[mid] as Checkpoint<S>).index <= n) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

function freezeIfChecked<S>(state: S): S {
  return checks().freeze ? deepFreeze(state) : state;
}

/** A position in a timeline you can step forwards and back. */
export class Cursor<S extends MachineState, E extends MachineEvent> {
  private at: number;
  private current: S;

  constructor(
    readonly timeline: Timeline<S, E>,
    position = 0,
  ) {
    this.at = position;
    this.current = timeline.stateAt(position);
  }

  get position(): number {
    return this.at;
  }

  get state(): S {
    return this.current;
  }

  seek(n: number): S {
    this.current = this.timeline.stateAt(n);
    this.at = n;
    return this.current;
  }

  /** One event forward; returns the outcome, or undefined at the end. */
  forward(): Outcome | undefined {
    if (this.at >= this.timeline.length) return undefined;
    const { outcome, after } = this.timeline.outcomeAt(this.at);
    this.current = after;
    this.at++;
    return outcome;
  }

  /** One event back (replays from the nearest checkpoint); false at the start. */
  back(): boolean {
    if (this.at === 0) return false;
    this.seek(this.at - 1);
    return true;
  }
}
