/**
 * @pagefold/kernel: the kernel virtual-memory machine the engine replays. One folder per
 * subsystem; the machine composes them (machine.ts, registry.ts).
 */
export { kernelMachine, kernelOps } from "./machine.js";
export {
  applyRevisionOverrides,
  configureKernel,
  defaultConfig,
  mergeConfig,
  MAX_PAGER_PAGES,
  MAX_RAM_PAGES,
  MIN_RAM_PAGES,
  RAM_BANK_PAGES,
  type Arch,
  type KernelConfig,
  type KernelConfigInput,
  type PagerConfig,
  type PagerPolicy,
} from "./config.js";
export { revisionChoices, type RevisionOf, type Revisions, type RevisionSubsystem } from "./revisions.js";
export type { KernelEvent, KernelOp } from "./events.js";
export type { KernelSlices, KernelState } from "./state.js";
export type { KernelServices, OpSpec, OpSpecs, Reclaimer, Subsystem, SliceName } from "./subsystem.js";
export { subsystems } from "./registry.js";
export { nextRandom } from "./random.js";
export * from "./codes.js";
export { compileValidator, type Validator } from "./validator.js";
export { TickSchema, type TickEvent } from "./tick.js";
export * from "./ram/index.js";
export * from "./pagetables/index.js";
export * from "./pager/index.js";
export * from "./addrspace/index.js";
export * from "./kmem/index.js";
export * from "./l1/index.js";
export * from "./pdaemon/index.js";
