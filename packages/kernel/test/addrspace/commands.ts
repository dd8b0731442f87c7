/**
 * fast-check commands for the as.* / area.* ops: each holds random choices, which resolve.ts
 * turns into a concrete event against the machine's current state.
 */
import fc from "fast-check";

export type AsCommand =
  | { kind: "as.create"; as: number; kernel: boolean }
  | { kind: "as.destroy"; as: number }
  | {
      kind: "area.create";
      as: number;
      slot: number;
      pages: number;
      flags: number;
      none: boolean;
      odd: number;
    }
  | { kind: "area.resize"; pick: number; pages: number; inner: number; odd: number }
  | { kind: "area.destroy"; pick: number; odd: number }
  | { kind: "area.share"; pick: number; dst: number; slot: number; sizeOff: number }
  | { kind: "as.fault"; pick: number; page: number; access: number; copy: number }
  | { kind: "as.map"; pick: number; page: number; pfn: number }
  | { kind: "as.switch"; as: number; cpu: number }
  | { kind: "as.lookup"; pick: number; page: number }
  | { kind: "pdaemon.run" };

const ids = fc.integer({ min: 0, max: 4 });
const pick = fc.nat();
/** Areas go at SLOTS bases SLOT_BYTES apart (16 pages): growing past that meets the next one. */
export const SLOTS = 8;
export const SLOT_BYTES = 0x10000;
const PAGE = 4096;

export const asCommandArb: fc.Arbitrary<AsCommand> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("as.create" as const), as: ids, kernel: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("as.destroy" as const), as: ids }) },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant("area.create" as const),
      as: ids,
      slot: fc.integer({ min: 0, max: SLOTS - 1 }),
      pages: fc.integer({ min: 1, max: 20 }),
      flags: fc.integer({ min: 0, max: 15 }),
      none: fc.oneof(
        { weight: 4, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
      odd: fc.oneof(
        { weight: 9, arbitrary: fc.constant(0) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 6 }) },
      ),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("area.resize" as const),
      pick,
      pages: fc.integer({ min: 0, max: 24 }),
      inner: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat({ max: 8 }) }),
      odd: fc.oneof(
        { weight: 9, arbitrary: fc.constant(0) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) },
      ),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("area.destroy" as const),
      pick,
      odd: fc.integer({ min: 0, max: 9 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("area.share" as const),
      pick,
      dst: ids,
      slot: fc.integer({ min: 0, max: SLOTS - 1 }),
      sizeOff: fc.oneof(
        { weight: 5, arbitrary: fc.constant(0) },
        { weight: 1, arbitrary: fc.constant(PAGE) },
      ),
    }),
  },
  {
    weight: 14,
    arbitrary: fc.record({
      kind: fc.constant("as.fault" as const),
      pick,
      page: fc.nat({ max: 24 }),
      access: fc.integer({ min: 0, max: 2 }),
      copy: fc.oneof(
        { weight: 6, arbitrary: fc.constant(0) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("as.map" as const),
      pick,
      page: fc.nat({ max: 24 }),
      pfn: fc.nat({ max: 200 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("as.switch" as const),
      as: ids,
      cpu: fc.integer({ min: 0, max: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("as.lookup" as const), pick, page: fc.nat({ max: 24 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("pdaemon.run" as const) }) },
);

/** A stream of `length` commands (size "max" so long streams stay long). */
export const asStreamArb = (length: number): fc.Arbitrary<AsCommand[]> =>
  fc.array(asCommandArb, { minLength: 1, maxLength: length, size: "max" });
