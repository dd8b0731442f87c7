import type { MachineState } from "@pagefold/engine";
import type { KernelConfig } from "./config.js";
import type { RamState } from "./ram/state.js";
import type { PageTablesState } from "./pagetables/state.js";
import type { PagerState } from "./pager/state.js";
import type { AddrspaceState } from "./addrspace/state.js";
import type { KmemState } from "./kmem/state.js";
import type { L1State } from "./l1/state.js";
import type { PdaemonState } from "./pdaemon/uvmexp.js";

/** One slice of state per subsystem, under the subsystem's name. Later subsystems add theirs. */
export interface KernelSlices {
  ram: RamState;
  pagetables: PageTablesState;
  pager: PagerState;
  addrspace: AddrspaceState;
  kmem: KmemState;
  l1: L1State;
  pdaemon: PdaemonState;
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
