import fc from "fast-check";
import type { KernelEvent } from "../../src/index.js";
import type { ReferenceRam } from "./reference.js";

/**
 * Commands for model-based tests. Frees and migrations pick their frame among the frames the
 * reference model says are owned (so most of them succeed), plus raw ones at any frame.
 */
export type RamCommand =
  | { readonly kind: "alloc"; readonly pages: number; readonly align: number; readonly movable: boolean }
  | { readonly kind: "free"; readonly pick: number; readonly length: number }
  | { readonly kind: "migrate"; readonly pick: number }
  | { readonly kind: "raw-free"; readonly pfn: number; readonly pages: number }
  | { readonly kind: "raw-migrate"; readonly pfn: number }
  | { readonly kind: "tick"; readonly n: number };

const pagesArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant(1) },
  { weight: 4, arbitrary: fc.integer({ min: 2, max: 9 }) },
  { weight: 2, arbitrary: fc.integer({ min: 10, max: 70 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 4096, 2 ** 40) },
);
const alignArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant(0) },
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 7 }) },
  { weight: 1, arbitrary: fc.constantFrom(12, 31, 32, 40) },
);

const allocArb = fc.record({
  kind: fc.constant("alloc" as const),
  pages: pagesArb,
  align: alignArb,
  movable: fc.boolean(),
});
/** Power-of-two blocks aligned to their size (the O(log n) fast path, L1-style 4/2 included). */
const blockArb = fc.integer({ min: 0, max: 6 }).chain((order) =>
  fc.record({
    kind: fc.constant("alloc" as const),
    pages: fc.constant(2 ** order),
    align: fc.constant(order),
    movable: fc.boolean(),
  }),
);

export const ramCommandArb: fc.Arbitrary<RamCommand> = fc.oneof(
  { weight: 6, arbitrary: allocArb },
  { weight: 3, arbitrary: blockArb },
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant("free" as const), pick: fc.nat(), length: fc.nat() }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("migrate" as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("raw-free" as const),
      pfn: fc.nat({ max: 1100 }),
      pages: fc.nat({ max: 40 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("raw-migrate" as const), pfn: fc.nat({ max: 1100 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("tick" as const), n: fc.integer({ min: 1, max: 5 }) }),
  },
);

export const ramSizeArb = fc.constantFrom(16, 32, 48, 64, 80, 128, 256, 1024);

/** The concrete event a command stands for, given the reference model's current frames. */
export function resolve(command: RamCommand, ref: ReferenceRam): KernelEvent {
  switch (command.kind) {
    case "alloc": {
      const event: { op: "ram.alloc"; pages: number; align?: number; movable?: boolean } = {
        op: "ram.alloc",
        pages: command.pages,
      };
      if (command.align !== 0) event.align = command.align;
      if (command.movable) event.movable = true;
      return event;
    }
    case "free": {
      const owned = ref.ownedFrames();
      if (owned.length === 0) return { op: "ram.free", pfn: command.pick % ref.total, pages: 1 };
      const pfn = owned[command.pick % owned.length]!;
      let stretch = 1;
      while (pfn + stretch < ref.total && ref.frames[pfn + stretch] !== null) stretch++;
      return { op: "ram.free", pfn, pages: 1 + (command.length % stretch) };
    }
    case "migrate": {
      const owned = ref.ownedFrames();
      return {
        op: "ram.migrate",
        pfn: owned.length === 0 ? command.pick % ref.total : owned[command.pick % owned.length]!,
      };
    }
    case "raw-free":
      return { op: "ram.free", pfn: command.pfn, pages: command.pages };
    case "raw-migrate":
      return { op: "ram.migrate", pfn: command.pfn };
    case "tick":
      return { op: "tick", n: command.n };
  }
}

/** Applies an event to the reference model. */
export function referenceOutcome(ref: ReferenceRam, event: KernelEvent) {
  switch (event.op) {
    case "ram.alloc":
      return ref.alloc(event.pages, event.align ?? 0, event.movable === true);
    case "ram.free":
      return ref.free(event.pfn, event.pages);
    case "ram.migrate":
      return ref.migrate(event.pfn);
    case "tick":
      return { ok: true as const };
    default:
      throw new Error(`${event.op} is not a ram command`);
  }
}
