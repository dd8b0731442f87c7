import { err, ok, type Effect, type Outcome } from "@pagefold/engine";
import { Type, type Static } from "@sinclair/typebox";
import { KErrOverflow } from "./codes.js";
import type { KernelState } from "./state.js";
import type { KernelServices } from "./subsystem.js";

/** `tick {n?}`: n units of logical time pass; subsystems run their deferred work. */
export const TickSchema = Type.Object(
  { op: Type.Literal("tick"), n: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);
export type TickEvent = Static<typeof TickSchema>;

/** What a subsystem does when time passes (Subsystem.tick). */
export type TickHook = (state: KernelState, ticks: number, services: KernelServices) => readonly Effect[];

/**
 * Advances the logical clock, then lets each subsystem run its deferred work, in registry
 * order; the effects say what they did. A clock that would pass 2^53 answers KErrOverflow.
 */
export function reduceTick(
  state: KernelState,
  event: TickEvent,
  hooks: readonly TickHook[],
  services: KernelServices,
): Outcome {
  const n = event.n ?? 1;
  if (n > Number.MAX_SAFE_INTEGER - state.clock) {
    return err(KErrOverflow, `the clock cannot advance ${n} ticks past ${state.clock}`);
  }
  state.clock += n;
  if (hooks.length === 0) return ok();
  const effects: Effect[] = [];
  for (const hook of hooks) effects.push(...hook(state, n, services));
  return ok(undefined, effects);
}
