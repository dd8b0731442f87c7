import type { Effect, Outcome } from "@pagefold/engine";
import fc from "fast-check";

/**
 * Arbitraries for what recordings carry: JSON-like plain data (ints, floats including NaN
 * and infinities, strings, booleans, null, nested arrays and objects), events and outcomes.
 * -0 is left out: recordings write it as 0, as JSON does (see plain-data.ts).
 */

export const key = fc.string({ unit: "grapheme", maxLength: 8 }).filter((k) => k !== "__proto__");

/** Plain data; `json` leaves out NaN and the infinities, which JSON cannot carry. */
export function plainData(json = false): fc.Arbitrary<unknown> {
  const scalar = fc.oneof(
    fc.integer(),
    fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
    fc.double({ noNaN: json, noDefaultInfinity: json }).filter((x) => !Object.is(x, -0)),
    fc.string({ unit: "grapheme", maxLength: 12 }),
    fc.boolean(),
    fc.constant(null),
  );
  return fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      scalar,
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(key, tie("value"), { maxKeys: 4, noNullPrototype: true }),
    ),
  })).value;
}

export const plainValue = plainData();

const opName = fc.oneof(
  fc.constantFrom("ram.alloc", "ram.free", "pt.alloc", "page.access", "area.create", "tick"),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }),
);

/** An event object: an op and fields, with `op` anywhere in the key order. */
export function eventOf(
  values: fc.Arbitrary<unknown>,
): fc.Arbitrary<{ op: string } & Record<string, unknown>> {
  return fc
    .tuple(
      opName,
      fc.dictionary(
        key.filter((k) => k !== "op"),
        values,
        { maxKeys: 5 },
      ),
      fc.nat(),
    )
    .map(([op, fields, at]) => {
      const entries = Object.entries(fields);
      entries.splice(at % (entries.length + 1), 0, ["op", op]);
      return Object.fromEntries(entries) as { op: string } & Record<string, unknown>;
    });
}

export const event = eventOf(plainValue);

const effect: fc.Arbitrary<Effect> = fc
  .tuple(
    fc.string({ maxLength: 10 }),
    fc.dictionary(
      key.filter((k) => k !== "kind"),
      plainValue,
      { maxKeys: 3 },
    ),
  )
  .map(([kind, fields]) => ({ kind, ...fields }));

const effects = fc.array(effect, { maxLength: 3 });
const code = fc.oneof(
  fc.constantFrom("KErrNoMemory", "KErrArgument", "ENOENT", "PANIC"),
  fc.string({ maxLength: 10 }),
);

/** Any outcome of the engine's shapes, optional fields present or absent. */
export const outcome: fc.Arbitrary<Outcome> = fc.oneof(
  fc.record({ ok: fc.constant(true as const), value: plainValue, effects }, { requiredKeys: ["ok"] }),
  fc.record(
    { ok: fc.constant(false as const), code, message: fc.string({ maxLength: 20 }), effects },
    { requiredKeys: ["ok", "code"] },
  ),
);

/** A 16-hex-digit digest. */
export const digest = fc
  .tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }))
  .map(([a, b]) => a.toString(16).padStart(8, "0") + b.toString(16).padStart(8, "0"));
