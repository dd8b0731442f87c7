/**
 * What the kernel-memory workloads share: a config checked like every workload's, and a private
 * machine the generator runs its own events on, so every free, exit or destroy it emits names
 * something that really exists at that point of the stream.
 */
import { applyEvent, PagefoldError, type Effect, type Outcome } from "@pagefold/engine";
import {
  configureKernel,
  kernelMachine,
  type KernelConfig,
  type KernelConfigInput,
  type KernelEvent,
  type KernelState,
} from "@pagefold/kernel";

export interface WorkloadBase {
  readonly seed: number;
  readonly events: number;
}

/** Checks the common options and the config; `what` names the workload in errors. */
export function checkedConfig(what: string, options: WorkloadBase, input: KernelConfigInput): KernelConfig {
  const usage = (field: string, message: string): never => {
    throw new PagefoldError("PFOLD_USAGE", `${what}: ${field} ${message}`, { field });
  };
  if (!Number.isInteger(options.seed)) usage("seed", "must be an integer");
  if (!Number.isSafeInteger(options.events) || options.events < 0) usage("events", "must be an integer ≥ 0");
  const checked = configureKernel(input);
  if (!checked.ok) usage(checked.path, checked.message);
  return (checked as { value: KernelConfig }).value;
}

/** A machine the generator drives; `observe` sees every outcome's effects (wakeups, migrations). */
export class PrivateMachine {
  readonly state: KernelState;

  constructor(
    config: KernelConfig,
    private readonly observe: (effect: Effect) => void,
  ) {
    this.state = kernelMachine.init(config);
  }

  run(event: KernelEvent): Outcome {
    const outcome = applyEvent(kernelMachine, this.state, event);
    for (const effect of outcome.effects ?? []) this.observe(effect);
    return outcome;
  }
}
