import type { Effect, IdRange, IdRef, Invariant, Outcome } from "@pagefold/engine";
import type { TSchema } from "@sinclair/typebox";
import type { KernelConfig } from "./config.js";
import type { KernelEvent } from "./events.js";
import type { KernelSlices, KernelState } from "./state.js";

/**
 * One op: the shape of its events, how the kernel answers it, and (for the minimizer) which ids its
 * outcome introduces and which ids the event refers to.
 */
export interface OpSpec<E extends KernelEvent> {
  /** A TypeBox object schema with `op` as a literal and `additionalProperties: false`. */
  readonly schema: TSchema;
  /**
   * Mutates the state (draft or private copy) and answers; never throws for kernel errors.
   * `services` reaches across subsystems without importing them (e.g. the page daemon asks
   * every subsystem with reclaimable pages to give some back).
   */
  reduce(state: KernelState, event: E, services: KernelServices): Outcome;
  produced?(event: E, outcome: Outcome): readonly IdRange[];
  referenced?(event: E): readonly IdRef[];
  /** The event with its references (in `referenced` order) replaced by `mapped`. */
  rewrite?(event: E, mapped: readonly number[]): E;
}

/** What the kernel offers every op across subsystem boundaries (built in machine.ts). */
export interface KernelServices {
  /** Pages some subsystem could give back now (inactive, clean or swappable). */
  inactivePages(state: KernelState): number;
  /** Asks reclaimers in registry order to free up to `pages` frames to ram; returns how many. */
  reclaim(state: KernelState, pages: number, effects: Effect[]): number;
}

/** A subsystem whose pages the page daemon may take back (uvmpd_scan's inactive queue). */
export interface Reclaimer {
  /** Pages it could give back now. */
  inactive(state: KernelState): number;
  /** Frees up to `pages` of them to ram (oldest first, as the subsystem defines it); returns how many. */
  reclaim(state: KernelState, pages: number, effects: Effect[]): number;
}

/** A spec for every op of an event union. */
export type OpSpecs<E extends KernelEvent> = { readonly [Op in E["op"]]: OpSpec<Extract<E, { op: Op }>> };

export type SliceName = keyof KernelSlices;

/**
 * A subsystem plugs into the kernel machine by exporting one of these from its folder and being
 * listed in registry.ts; nothing else in the kernel names it.
 */
export interface Subsystem<N extends SliceName, E extends KernelEvent> {
  readonly name: N;
  /** The subsystem's slice of a freshly booted machine. */
  init(config: KernelConfig): KernelSlices[N];
  readonly ops: OpSpecs<E>;
  /** A 64-bit digest (16 hex digits) of the slice, equal for equal slices. */
  digest(slice: KernelSlices[N]): string;
  /** Named `"<subsystem>.<property>"`. */
  readonly invariants: readonly Invariant<KernelState>[];
  /** Readable plain data for diffs, predicates and `seek`. */
  view(state: KernelState): unknown;
  /**
   * Deferred work when logical time passes (`tick`): sleepers retried, deferred cleanups run.
   * Called in registry order after the clock advanced by `ticks`; returns what it did.
   */
  tick?(state: KernelState, ticks: number, services: KernelServices): readonly Effect[];
  /** Pages the page daemon may reclaim from this subsystem. */
  readonly reclaimer?: Reclaimer;
}

/** A subsystem with its slice type resolved, so the machine can hold a list of different ones. */
export interface PluggedSubsystem {
  readonly name: SliceName;
  init(config: KernelConfig): KernelSlices[SliceName];
  readonly ops: Readonly<Record<string, OpSpec<KernelEvent>>>;
  digest(state: KernelState): string;
  readonly invariants: readonly Invariant<KernelState>[];
  view(state: KernelState): unknown;
  tick?(state: KernelState, ticks: number, services: KernelServices): readonly Effect[];
  readonly reclaimer?: Reclaimer;
}

export function plug<N extends SliceName, E extends KernelEvent>(
  subsystem: Subsystem<N, E>,
): PluggedSubsystem {
  return {
    name: subsystem.name,
    init: (config) => subsystem.init(config),
    ops: subsystem.ops,
    digest: (state) => subsystem.digest(state[subsystem.name]),
    invariants: subsystem.invariants,
    view: (state) => subsystem.view(state),
    ...(subsystem.tick === undefined ? {} : { tick: subsystem.tick.bind(subsystem) }),
    ...(subsystem.reclaimer === undefined ? {} : { reclaimer: subsystem.reclaimer }),
  };
}
