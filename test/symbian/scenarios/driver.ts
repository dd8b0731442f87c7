/**
 * Drives a kernel machine the way an upstream test drives the kernel: events are applied one at a
 * time (bulk path, Replayer) and recorded, so a scenario can react to outcomes as the test code
 * does and the same stream can be replayed, compared or written out afterwards.
 */
import { Replayer, type Outcome } from "@pagefold/engine";
import {
  configureKernel,
  kernelMachine,
  type KernelConfig,
  type KernelConfigInput,
  type KernelEvent,
  type KernelState,
} from "@pagefold/kernel";

export class Driver {
  readonly config: KernelConfig;
  readonly initial: KernelState;
  readonly events: KernelEvent[] = [];
  readonly outcomes: Outcome[] = [];
  private readonly replayer: Replayer<KernelState, KernelEvent>;

  constructor(config: KernelConfigInput) {
    const checked = configureKernel(config);
    if (!checked.ok) throw new Error(`${checked.path}: ${checked.message}`);
    this.config = checked.value;
    this.initial = kernelMachine.init(this.config);
    this.replayer = new Replayer(kernelMachine, this.initial);
  }

  /** Applies an event (validated as a scenario line would be) and records it with its outcome. */
  apply(input: KernelEvent): Outcome {
    const checked = kernelMachine.validate(input);
    if (!checked.ok)
      throw new Error(`invalid event ${JSON.stringify(input)}: ${checked.path} ${checked.message}`);
    const outcome = this.replayer.apply(checked.value);
    this.events.push(checked.value);
    this.outcomes.push(outcome);
    return outcome;
  }

  /** The working state, read-only and only until the next event. */
  get state(): KernelState {
    return this.replayer.peek();
  }

  /** Symbian FreeRam(): free RAM pages plus the paging cache's free pages (mmu.cpp Mmu::FreeRamInBytes). */
  get freeRam(): number {
    return this.state.ram.freePages + this.state.pager.numberOfFreePages;
  }
}

/** HAL EVMHalSetCacheSize takes bytes and rounds each size up to whole pages. */
export function bytesToPages(bytes: number): number {
  return Math.ceil(bytes / 4096);
}
