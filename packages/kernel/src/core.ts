import { Hasher, type Invariant } from "@pagefold/engine";
import { configureKernel } from "./config.js";
import type { KernelState } from "./state.js";
import type { OpSpecs } from "./subsystem.js";
import { reduceTick, TickSchema, type TickEvent, type TickHook } from "./tick.js";

/** The kernel's own ops (those of no subsystem), with the subsystems' tick hooks. */
export function coreOps(tickHooks: readonly TickHook[]): OpSpecs<TickEvent> {
  return {
    tick: {
      schema: TickSchema,
      reduce: (state, event, services) => reduceTick(state, event, tickHooks, services),
    },
  };
}

/** The "kernel" digest part: logical clock and random state (the config is not digested). */
export function coreDigest(state: KernelState): string {
  return new Hasher().number(state.clock).number(state.rng).hex();
}

export const coreInvariants: readonly Invariant<KernelState>[] = [
  {
    name: "kernel.clock",
    description: "the logical clock is a safe integer ≥ 0 and the random state a 32-bit unsigned integer",
    check: (state) => {
      const out: string[] = [];
      if (!Number.isSafeInteger(state.clock) || state.clock < 0)
        out.push(`clock ${state.clock} is not a safe integer ≥ 0`);
      if (!Number.isInteger(state.rng) || state.rng < 0 || state.rng > 0xffffffff)
        out.push(`rng ${state.rng} is not a uint32`);
      return out;
    },
  },
  {
    name: "kernel.config",
    description: "the machine's config is one configureKernel accepts",
    check: (state) => {
      if (typeof state.config !== "object") return ["the config is missing"];
      const checked = configureKernel(state.config);
      return checked.ok ? [] : [`config${checked.path === "" ? "" : `.${checked.path}`}: ${checked.message}`];
    },
  },
];
