import { checks, immer } from "./checks.js";
import type { Invariant, Machine, MachineEvent, MachineState } from "./machine.js";
import { err, HALTED, INTERNAL, PANIC, type Outcome } from "./outcome.js";

/**
 * Applies one event to a mutable state (an immer draft or a private copy): the single place
 * both the stepwise and the bulk path go through, so they cannot disagree.
 * A panic halts the machine; a halted machine answers `HALTED` and changes nothing.
 * A reducer that throws is a bug in the model: it is reported as an `INTERNAL` halt.
 */
export function applyEvent<S extends MachineState, E extends MachineEvent>(
  machine: Machine<S, E, unknown>,
  state: S,
  event: E,
): Outcome {
  if (state.panic !== null) return err(HALTED, `machine halted: ${state.panic}`);
  let outcome: Outcome;
  try {
    outcome = machine.reduce(state, event);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    outcome = err(INTERNAL, `the ${machine.name} model threw on ${event.op}: ${why}`);
  }
  if (!outcome.ok && (outcome.code === PANIC || outcome.code === INTERNAL)) {
    state.panic = outcome.message ?? outcome.code;
  }
  return outcome;
}

/**
 * One immutable step: `[nextState, outcome]`. The previous state is untouched and shares
 * every unchanged part with the next.
 */
export function step<S extends MachineState, E extends MachineEvent>(
  machine: Machine<S, E, unknown>,
  state: S,
  event: E,
): [S, Outcome] {
  let outcome: Outcome = err(INTERNAL, "not applied");
  const next = immer.produce(state, (draft) => {
    outcome = applyEvent(machine, draft as S, event);
  });
  if (checks().invariantsEveryEvent) assertInvariants(machine, next);
  return [next, outcome];
}

/** A named invariant that does not hold, with what the check found. */
export interface Violation {
  readonly invariant: string;
  readonly messages: readonly string[];
}

/** Runs the named invariants (all when `names` is undefined) and lists what is broken. */
export function checkInvariants<S extends MachineState>(
  machine: Machine<S, MachineEvent, unknown>,
  state: S,
  names?: readonly string[],
): Violation[] {
  const out: Violation[] = [];
  for (const inv of machine.invariants) {
    if (names !== undefined && !names.includes(inv.name)) continue;
    const messages = checkOne(inv, state);
    if (messages.length > 0) out.push({ invariant: inv.name, messages });
  }
  return out;
}

/**
 * One invariant's findings. A check that throws (it met a state too malformed to read, e.g. an
 * untrusted snapshot) is itself a finding, never an exception for the caller.
 */
function checkOne<S>(invariant: Invariant<S>, state: S): readonly string[] {
  try {
    return invariant.check(state);
  } catch (cause) {
    return [`the check could not read this state: ${cause instanceof Error ? cause.message : String(cause)}`];
  }
}

/** Thrown only by test-mode checks: an invariant broke where every event is checked. */
export class InvariantError extends Error {
  override readonly name = "InvariantError";
  constructor(readonly violations: readonly Violation[]) {
    super(violations.map((v) => `${v.invariant}: ${v.messages.slice(0, 3).join("; ")}`).join("\n"));
  }
}

function assertInvariants<S extends MachineState>(
  machine: Machine<S, MachineEvent, unknown>,
  state: S,
): void {
  const broken = checkInvariants(machine, state);
  if (broken.length > 0) throw new InvariantError(broken);
}
