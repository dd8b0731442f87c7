import type { RamEvent } from "./ram/events.js";
import type { TickEvent } from "./tick.js";
import type { PageTablesEvent } from "./pagetables/events.js";
import type { PagerEvent } from "./pager/events.js";
import type { AddrspaceEvent } from "./addrspace/events.js";
import type { KmEvent } from "./kmem/events.js";
import type { PmapEvent } from "./l1/events.js";
import type { PdaemonRunEvent } from "./pdaemon/index.js";

/** Every event the kernel machine understands (EVENTS.md); grows as subsystems are added. */
export type KernelEvent =
  | TickEvent
  | RamEvent
  | PageTablesEvent
  | PagerEvent
  | AddrspaceEvent
  | KmEvent
  | PmapEvent
  | PdaemonRunEvent;
export type KernelOp = KernelEvent["op"];

export type { RamAllocEvent, RamEvent, RamFreeEvent, RamMigrateEvent } from "./ram/events.js";
export type { TickEvent } from "./tick.js";
