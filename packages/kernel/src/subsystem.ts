import type { IdRange, IdRef, Invariant, Outcome } from "@pagefold/engine";
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
  /** Mutates the state (draft or private copy) and answers; never throws for kernel errors. */
  reduce(state: KernelState, event: E): Outcome;
  produced?(event: E, outcome: Outcome): readonly IdRange[];
  referenced?(event: E): readonly IdRef[];
  /** The event with its references (in `referenced` order) replaced by `mapped`. */
  rewrite?(event: E, mapped: readonly number[]): E;
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
}

/** A subsystem with its slice type resolved, so the machine can hold a list of different ones. */
export interface PluggedSubsystem {
  readonly name: SliceName;
  init(config: KernelConfig): KernelSlices[SliceName];
  readonly ops: Readonly<Record<string, OpSpec<KernelEvent>>>;
  digest(state: KernelState): string;
  readonly invariants: readonly Invariant<KernelState>[];
  view(state: KernelState): unknown;
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
  };
}
