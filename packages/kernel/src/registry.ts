import { ramSubsystem } from "./ram/index.js";
import { plug, type PluggedSubsystem } from "./subsystem.js";

/**
 * The subsystems of the kernel machine, in boot order. A new subsystem is a folder exporting a
 * Subsystem, a line here and its slice in KernelSlices; no other subsystem changes.
 */
export const subsystems: readonly PluggedSubsystem[] = [plug(ramSubsystem)];
