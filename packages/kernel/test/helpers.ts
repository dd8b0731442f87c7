import { applyEvent, type Outcome } from "@pagefold/engine";
import {
  configureKernel,
  kernelMachine,
  type KernelConfigInput,
  type KernelEvent,
  type KernelState,
} from "../src/index.js";

/** A freshly booted machine with `ramPages` frames, as a plain mutable state. */
export function boot(ramPages: number, config: KernelConfigInput = {}): KernelState {
  const checked = configureKernel({ ...config, ramPages });
  if (!checked.ok) throw new Error(`${checked.path}: ${checked.message}`);
  return kernelMachine.init(checked.value);
}

/** Validates `input` as an event and applies it to the mutable state (the bulk path). */
export function run(state: KernelState, input: unknown): Outcome {
  const checked = kernelMachine.validate(input);
  if (!checked.ok)
    throw new Error(`invalid event ${JSON.stringify(input)}: ${checked.path} ${checked.message}`);
  return applyEvent(kernelMachine, state, checked.value);
}

/** The pfn of a successful allocation (fails the test otherwise). */
export function allocated(outcome: Outcome): number {
  if (!outcome.ok) throw new Error(`expected an allocation, got ${outcome.code}: ${outcome.message ?? ""}`);
  return (outcome.value as { pfn: number }).pfn;
}

export function codeOf(outcome: Outcome): string {
  return outcome.ok ? "ok" : outcome.code;
}

export type { KernelEvent };
