import { ramSubsystem } from "./ram/index.js";
import { pagetablesSubsystem } from "./pagetables/index.js";
import { pagerSubsystem } from "./pager/index.js";
import { addrspaceSubsystem } from "./addrspace/index.js";
import { kmemSubsystem } from "./kmem/index.js";
import { l1Subsystem } from "./l1/index.js";
import { pdaemonSubsystem } from "./pdaemon/index.js";
import { plug, type PluggedSubsystem } from "./subsystem.js";

/**
 * The subsystems of the kernel machine, in boot order. A new subsystem is a folder exporting a
 * Subsystem, a line here and its slice in KernelSlices; no other subsystem changes.
 */
export const subsystems: readonly PluggedSubsystem[] = [
  plug(ramSubsystem),
  plug(pagetablesSubsystem),
  plug(pagerSubsystem),
  plug(addrspaceSubsystem),
  plug(kmemSubsystem),
  plug(l1Subsystem),
  plug(pdaemonSubsystem),
];
