// A tiny machine for engine tests: a slot allocator with a plantable accounting bug.
import {
  combineDigests,
  digestOf,
  err,
  ok,
  type Machine,
  type MachineState,
  type Outcome,
  type Validation,
} from "../src/index.js";

export interface SlotsConfig {
  readonly slots: number;
  /** Plants a bug: giving back a slot ≥ 40 forgets to count it free (state, not outcome, drifts). */
  readonly leak: boolean;
}

export interface SlotsState extends MachineState {
  /** The configuration travels in the state (and stays out of the digest), as in the kernel. */
  config: SlotsConfig;
  used: boolean[][];
  free: number;
  clock: number;
}

export type SlotsEvent = { op: "take" } | { op: "give"; slot: number } | { op: "boom" } | { op: "tick" };

const CHUNK = 16;

function isUsed(s: SlotsState, slot: number): boolean {
  return s.used[Math.floor(slot / CHUNK)]?.[slot % CHUNK] === true;
}

function setUsed(s: SlotsState, slot: number, used: boolean): void {
  (s.used[Math.floor(slot / CHUNK)] as boolean[])[slot % CHUNK] = used;
}

function slotCount(s: SlotsState): number {
  return s.used.reduce((n, c) => n + c.length, 0);
}

export const slots: Machine<SlotsState, SlotsEvent, SlotsConfig> = {
  name: "slots",
  schemaVersion: 1,
  configure: (input) => ({ ok: true, value: input as SlotsConfig }),
  init: (c) => ({
    config: c,
    panic: null,
    clock: 0,
    free: c.slots,
    used: Array.from({ length: Math.ceil(c.slots / CHUNK) }, (_, i) =>
      Array.from({ length: Math.min(CHUNK, c.slots - i * CHUNK) }, () => false),
    ),
  }),
  validate(input): Validation<SlotsEvent> {
    if (typeof input !== "object" || input === null) return { ok: false, path: "", message: "not an object" };
    const e = input as Record<string, unknown>;
    if (e.op === "take" || e.op === "boom" || e.op === "tick") return { ok: true, value: { op: e.op } };
    if (e.op === "give") {
      return typeof e.slot === "number" && Number.isInteger(e.slot)
        ? { ok: true, value: { op: "give", slot: e.slot } }
        : { ok: false, path: "slot", message: "must be an integer" };
    }
    return { ok: false, path: "op", message: `unknown op ${String(e.op)}` };
  },
  reduce(s, e): Outcome {
    s.clock++;
    switch (e.op) {
      case "take": {
        for (let slot = 0; slot < slotCount(s); slot++) {
          if (!isUsed(s, slot)) {
            setUsed(s, slot, true);
            s.free--;
            return ok({ slot });
          }
        }
        return err("FULL");
      }
      case "give":
        if (e.slot < 0 || e.slot >= slotCount(s) || !isUsed(s, e.slot))
          return err("BAD", `slot ${e.slot} not taken`);
        setUsed(s, e.slot, false);
        if (!(s.config.leak && e.slot >= 40)) s.free++;
        return ok(undefined, [{ kind: "freed", slot: e.slot }]);
      case "boom":
        return err("PANIC", "boom");
      case "tick":
        return ok();
    }
  },
  digest(s) {
    const parts = { slots: digestOf([s.used, s.free]), clock: digestOf(s.clock) };
    return { parts, combined: combineDigests(parts) };
  },
  invariants: [
    {
      name: "free-count",
      description: "free equals the number of untaken slots",
      check: (s) => {
        const actual = s.used.flat().filter((u) => !u).length;
        return actual === s.free ? [] : [`free is ${s.free}, ${actual} slots are untaken`];
      },
    },
  ],
  view: (s) => ({ free: s.free, clock: s.clock, taken: s.used.flat().flatMap((u, i) => (u ? [i] : [])) }),
  references: {
    produced: (e, o) =>
      e.op === "take" && o.ok ? [{ kind: "slot", id: (o.value as { slot: number }).slot, span: 1 }] : [],
    referenced: (e) => (e.op === "give" ? [{ kind: "slot", id: e.slot }] : []),
    rewrite: (e, [slot]) => (e.op === "give" && slot !== undefined ? { op: "give", slot } : e),
  },
};
