import { applyEvent, checkInvariants, type Violation } from "./apply.js";
import { checks } from "./checks.js";
import { cloneState, deepFreeze } from "./clone.js";
import type { Machine, MachineEvent, MachineState, StateDigest } from "./machine.js";
import type { Outcome } from "./outcome.js";

/**
 * The bulk replay path: the machine's reducer run on a private mutable copy of the state.
 * Outcomes and digests are identical to stepping with immer (both go through `applyEvent`);
 * what it hands out (`snapshot`) is always a fresh copy, never the working state.
 */
export class Replayer<S extends MachineState, E extends MachineEvent> {
  private working: S;
  private applied: number;

  /** Starts from `state` after `index` events; `state` itself is never modified. */
  constructor(
    readonly machine: Machine<S, E, unknown>,
    state: S,
    index = 0,
  ) {
    this.working = cloneState(state);
    this.applied = index;
  }

  /** How many events the state has seen. */
  get index(): number {
    return this.applied;
  }

  /** Applies the next event in place and returns its outcome. */
  apply(event: E): Outcome {
    const outcome = applyEvent(this.machine, this.working, event);
    this.applied++;
    return outcome;
  }

  /** The working state, for read-only inspection right now (it changes with the next event). */
  peek(): S {
    return this.working;
  }

  /** An independent copy of the current state, deep-frozen when checks are on. */
  snapshot(): S {
    const copy = cloneState(this.working);
    return checks().freeze ? deepFreeze(copy) : copy;
  }

  digest(): StateDigest {
    return this.machine.digest(this.working);
  }

  violations(names?: readonly string[]): Violation[] {
    return checkInvariants(this.machine, this.working, names);
  }

  /** Restarts from another state (copied). */
  reset(state: S, index: number): void {
    this.working = cloneState(state);
    this.applied = index;
  }
}
