import type { RamEvent } from "./ram/events.js";
import type { TickEvent } from "./tick.js";

/** Every event the kernel machine understands (EVENTS.md); grows as subsystems are added. */
export type KernelEvent = TickEvent | RamEvent;
export type KernelOp = KernelEvent["op"];

export type { RamAllocEvent, RamEvent, RamFreeEvent, RamMigrateEvent } from "./ram/events.js";
export type { TickEvent } from "./tick.js";
