import type { Outcome } from "./outcome.js";

/** Every event is a plain object naming its operation. */
export interface MachineEvent {
  readonly op: string;
}

/**
 * The engine's part of every machine state: the panic that halted the machine, if any.
 * Reducers never set it themselves; they answer `{ ok:false, code:'PANIC' }` and the engine halts.
 */
export interface MachineState {
  panic: string | null;
}

/** The result of checking untrusted input: the typed value, or where and why it is wrong. */
export type Validation<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly path: string; readonly message: string };

/** A named property of a state that the kernel asserts; `check` lists violations (empty = holds). */
export interface Invariant<S> {
  readonly name: string;
  readonly description: string;
  check(state: S): readonly string[];
}

/** 64-bit digests (16 hex digits) per subsystem and combined. Equal states give equal digests. */
export interface StateDigest {
  readonly combined: string;
  readonly parts: Readonly<Record<string, string>>;
}

/**
 * How the minimizer keeps references between events valid: what ids an event's outcome
 * introduces, which ids an event refers to, and how to rewrite them when the producer's
 * outcome changes in a smaller run.
 */
export interface ReferenceModel<E> {
  /** Ids introduced by this event (a frame range from an allocation, an address space id, ...). */
  produced(event: E, outcome: Outcome): readonly IdRange[];
  /** Ids this event refers to. */
  referenced(event: E): readonly IdRef[];
  /** The same event with each reference mapped (refs in the order `referenced` gave them). */
  rewrite(event: E, mapped: readonly number[]): E;
}

export interface IdRange {
  readonly kind: string;
  readonly id: number;
  /** How many consecutive ids (e.g. frames of a block); 1 for plain ids. */
  readonly span: number;
}

export interface IdRef {
  readonly kind: string;
  readonly id: number;
}

/**
 * A deterministic state machine: the kernel model the engine replays.
 *
 * `reduce` is written in immer style: it mutates the state it is given (an immer draft when
 * stepping, a private mutable copy in bulk replay) and returns the outcome. It must not read
 * the clock or a random source, or iterate unordered collections, and must not keep references to
 * the state it was given.
 */
export interface Machine<S extends MachineState, E extends MachineEvent, C> {
  readonly name: string;
  /** Bumped whenever the state layout or an outcome changes meaning. */
  readonly schemaVersion: number;
  /** Checks an untrusted config (unknown fields are an error) and fills in defaults. */
  configure(input: unknown): Validation<C>;
  init(config: C): S;
  validate(input: unknown): Validation<E>;
  /**
   * The same judgement as `validate`, as a bare yes or no with nothing allocated: the fast path
   * of readers that check millions of events (they ask `validate` why when the answer is no).
   */
  accepts?(input: unknown): input is E;
  reduce(state: S, event: E): Outcome;
  digest(state: S): StateDigest;
  readonly invariants: readonly Invariant<S>[];
  /** A readable, read-only view of a state for predicates, diffs and `seek`. */
  view(state: S): unknown;
  readonly references?: ReferenceModel<E>;
}

/** Any machine, for code that only passes machines along. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMachine = Machine<any, any, any>;
export type StateOf<M> = M extends Machine<infer S, MachineEvent, unknown> ? S : never;
export type EventOf<M> = M extends Machine<MachineState, infer E, unknown> ? E : never;
