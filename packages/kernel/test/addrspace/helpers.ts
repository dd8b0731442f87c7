import { applyEvent, type Outcome } from "@pagefold/engine";
import { configureKernel, kernelMachine, type KernelState } from "../../src/index.js";

export type Revision = "2006" | "fixed";

/** A freshly booted machine running revision `rev` of addrspace, as a plain mutable state. */
export function bootAs(rev: Revision, ramPages = 256): KernelState {
  const checked = configureKernel({ ramPages, revisions: { addrspace: rev } });
  if (!checked.ok) throw new Error(`${checked.path}: ${checked.message}`);
  return kernelMachine.init(checked.value);
}

/** Validates and applies each event in turn (the bulk path); returns the outcomes. */
export function runAll(state: KernelState, events: readonly unknown[]): Outcome[] {
  return events.map((input) => {
    const checked = kernelMachine.validate(input);
    if (!checked.ok)
      throw new Error(`invalid event ${JSON.stringify(input)}: ${checked.path} ${checked.message}`);
    return applyEvent(kernelMachine, state, checked.value);
  });
}

/** `ok`, `ok:<value>` for string values, or the error code. */
export function codeOf(outcome: Outcome): string {
  if (!outcome.ok) return outcome.code;
  return typeof outcome.value === "string" ? outcome.value : "ok";
}

export const PAGE = 4096;
