import { checkInvariants } from "./apply.js";
import { cloneState } from "./clone.js";
import { PagefoldError } from "./errors.js";
import type { Machine, MachineEvent, MachineState } from "./machine.js";

/** A state at some event of some run, self-describing so it can start another replay. */
export interface Snapshot<S> {
  readonly machine: string;
  readonly schemaVersion: number;
  readonly config: unknown;
  /** Events applied to reach this state in the run it was taken from. */
  readonly index: number;
  readonly digest: string;
  readonly state: S;
}

export function takeSnapshot<S extends MachineState, C>(
  machine: Machine<S, MachineEvent, C>,
  config: C,
  index: number,
  state: S,
): Snapshot<S> {
  return {
    machine: machine.name,
    schemaVersion: machine.schemaVersion,
    config,
    index,
    digest: machine.digest(state).combined,
    state: cloneState(state),
  };
}

/**
 * Checks an untrusted snapshot (machine, schema version, digest, invariants) and returns its
 * state as a fresh copy, ready to start a replay, a scenario or a fuzz campaign.
 */
export function restoreSnapshot<S extends MachineState, C>(
  machine: Machine<S, MachineEvent, C>,
  snapshot: Snapshot<unknown>,
): S {
  if (snapshot.machine !== machine.name || snapshot.schemaVersion !== machine.schemaVersion) {
    throw new PagefoldError(
      "PFOLD_RECORDING_INCOMPATIBLE",
      `snapshot is for ${snapshot.machine} schema ${snapshot.schemaVersion}, not ${machine.name} schema ${machine.schemaVersion}`,
    );
  }
  const state = cloneState(snapshot.state) as S;
  try {
    const digest = machine.digest(state).combined;
    if (digest !== snapshot.digest)
      throw new Error(`digest ${digest} does not match the recorded ${snapshot.digest}`);
    const broken = checkInvariants(machine, state);
    if (broken.length > 0)
      throw new Error(`invariant ${broken[0]?.invariant} is broken: ${broken[0]?.messages[0]}`);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new PagefoldError(
      "PFOLD_SNAPSHOT_INVALID",
      `snapshot at event ${snapshot.index} is not a valid state: ${why}`,
      {
        eventIndex: snapshot.index,
      },
    );
  }
  return state;
}
