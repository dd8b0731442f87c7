import { err, ok, type Outcome } from "@pagefold/engine";
import { Type, type Static } from "@sinclair/typebox";
import { KErrOverflow } from "./codes.js";
import type { KernelState } from "./state.js";

/** `tick {n?}`: n units of logical time pass (deferred work will hook here). */
export const TickSchema = Type.Object(
  { op: Type.Literal("tick"), n: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);
export type TickEvent = Static<typeof TickSchema>;

/** Advances the logical clock; a clock that would pass 2^53 answers KErrOverflow and stays put. */
export function reduceTick(state: KernelState, event: TickEvent): Outcome {
  const n = event.n ?? 1;
  if (n > Number.MAX_SAFE_INTEGER - state.clock) {
    return err(KErrOverflow, `the clock cannot advance ${n} ticks past ${state.clock}`);
  }
  state.clock += n;
  return ok();
}
