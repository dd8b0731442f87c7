/**
 * `kmem`: kernel virtual memory as NetBSD UVM manages it (seed 004, uvm_km.c): kernel_map and
 * never-released submaps, wired allocations backed by kernel objects, address-only allocations,
 * pool pages, and callers asleep until pages or address space come back. Revision "1998" is the
 * seed, "2012" the vmem-era uvm_km_alloc (config.revisions.kmem).
 */
import { digestOf, type IdRange, type Outcome } from "@pagefold/engine";
import type { Subsystem } from "../subsystem.js";
import { reduceAlloc1, reduceKmemalloc, reducePoolpageAlloc } from "./alloc.js";
import { reduceValloc, reduceVallocWait } from "./va.js";
import {
  KmAlloc1Schema,
  KmFreeSchema,
  KmFreeWakeupSchema,
  KmKmemallocSchema,
  KmPoolpageAllocSchema,
  KmPoolpageFreeSchema,
  KmSuballocSchema,
  KmVallocSchema,
  KmVallocWaitSchema,
  type KmEvent,
} from "./events.js";
import { reduceFree, reducePoolpageFree, reduceSuballoc } from "./free.js";
import { kmemInvariants } from "./invariants.js";
import { initKmem, PAGE_SIZE, roundPages } from "./state.js";
import { kmemView } from "./view.js";
import { kmemTick } from "./wait.js";

const KVA = "kva";
const none: readonly IdRange[] = [];

/** A returned kva as an id range of pages, for the minimizer. */
function kvaRange(pages: number) {
  return (_event: unknown, outcome: Outcome): readonly IdRange[] => {
    const kva = outcome.ok ? (outcome.value as { kva?: number } | undefined)?.kva : undefined;
    return kva === undefined ? none : [{ kind: KVA, id: kva / PAGE_SIZE, span: pages }];
  };
}
const byAddress = {
  referenced: (event: { addr: number }) => [{ kind: KVA, id: Math.floor(event.addr / PAGE_SIZE) }],
  rewrite: <E extends { addr: number }>(event: E, [page]: readonly number[]): E =>
    page === undefined ? event : { ...event, addr: page * PAGE_SIZE + (event.addr % PAGE_SIZE) },
};

export const kmemSubsystem: Subsystem<"kmem", KmEvent> = {
  name: "kmem",
  init: initKmem,
  ops: {
    "km.suballoc": { schema: KmSuballocSchema, reduce: reduceSuballoc },
    "km.kmemalloc": {
      schema: KmKmemallocSchema,
      reduce: reduceKmemalloc,
      produced: (event, outcome) => kvaRange(roundPages(event.size))(event, outcome),
    },
    "km.alloc1": {
      schema: KmAlloc1Schema,
      reduce: reduceAlloc1,
      produced: (event, outcome) => kvaRange(roundPages(event.size))(event, outcome),
    },
    "km.valloc": {
      schema: KmVallocSchema,
      reduce: reduceValloc,
      produced: (event, outcome) => kvaRange(roundPages(event.size))(event, outcome),
    },
    "km.vallocWait": {
      schema: KmVallocWaitSchema,
      reduce: reduceVallocWait,
      produced: (event, outcome) => kvaRange(roundPages(event.size))(event, outcome),
    },
    "km.free": { schema: KmFreeSchema, reduce: reduceFree, ...byAddress },
    "km.freeWakeup": { schema: KmFreeWakeupSchema, reduce: reduceFree, ...byAddress },
    "km.poolpageAlloc": { schema: KmPoolpageAllocSchema, reduce: reducePoolpageAlloc, produced: kvaRange(1) },
    "km.poolpageFree": { schema: KmPoolpageFreeSchema, reduce: reducePoolpageFree, ...byAddress },
  },
  digest: (kmem) => digestOf(kmem),
  invariants: kmemInvariants,
  view: kmemView,
  tick: (state) => kmemTick(state),
};

export { PAGE_SIZE, VM_MIN_KERNEL_ADDRESS, HZ, type KmemState } from "./state.js";
export { pgremove, type Traversal } from "./pages.js";
export { kmemView, type KmemView, type KmemMapView } from "./view.js";
export * from "./events.js";
