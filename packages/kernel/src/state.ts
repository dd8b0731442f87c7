import type { MachineState } from "@pagefold/engine";
import type { KernelConfig } from "./config.js";
import type { RamState } from "./ram/state.js";

/** One slice of state per subsystem, under the subsystem's name. Later subsystems add theirs. */
export interface KernelSlices {
  ram: RamState;
}

/**
 * The whole machine: plain JSON-like data (the engine clones, digests, serialises and drafts it),
 * large tables as trees of ≤ 64-entry arrays, no Map or Set.
 */
export interface KernelState extends MachineState, KernelSlices {
  panic: string | null;
  /** The config the machine booted with (not part of the digest: recordings carry it). */
  readonly config: KernelConfig;
  /** Logical time, advanced only by `tick`. */
  clock: number;
  /** The kernel's pseudo-random state (see random.ts). */
  rng: number;
}
