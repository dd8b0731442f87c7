import type { Effect, Outcome } from "@pagefold/engine";
import { MAX_DATA_DEPTH } from "./limits.js";
import { isObjectRecord, isWellFormed, requirePlainData, UnrecordableValue } from "./plain-data.js";
import { isPosition, type StringTable } from "./string-table.js";

/**
 * Outcomes in a chunk, compact for the common answers (codes index the chunk's code table):
 *
 * | stored | outcome |
 * |---|---|
 * | `true` | `{ ok: true }` |
 * | a map or record `v` | `{ ok: true, value: v }` |
 * | an integer `c` | `{ ok: false, code }` |
 * | `[0, value]` | `{ ok: true, value }` for a value that is not an object |
 * | `[1, effects]` | `{ ok: true, effects }` |
 * | `[2, value, effects]` | `{ ok: true, value, effects }` |
 * | `[3, c, message]` | `{ ok: false, code, message }` |
 * | `[4, c, effects]` | `{ ok: false, code, effects }` |
 * | `[5, c, message, effects]` | `{ ok: false, code, message, effects }` |
 *
 * An optional field holding `undefined` counts as absent.
 */

const OK_FIELDS = new Set(["ok", "value", "effects"]);
const ERR_FIELDS = new Set(["ok", "code", "message", "effects"]);

/** The plain success, shared and frozen as the engine's `ok()` returns it. */
const OK: Outcome = Object.freeze({ ok: true });

/** The stored form of an outcome; throws UnrecordableValue (path under `outcome`) when malformed. */
export function encodeOutcome(outcome: Outcome, codes: StringTable): unknown {
  if (!isObjectRecord(outcome)) throw new UnrecordableValue("outcome", "is not an outcome object");
  const fields = outcome.ok === true ? OK_FIELDS : ERR_FIELDS;
  for (const key of Object.keys(outcome)) {
    if (!fields.has(key)) throw new UnrecordableValue(`outcome.${key}`, "is not a field of an outcome");
  }
  const effects = outcome.effects;
  if (effects !== undefined) requireEffects(effects);
  if (outcome.ok === true) {
    const value = outcome.value;
    if (value !== undefined) requirePlainData(value, "outcome.value");
    if (effects === undefined) {
      if (value === undefined) return true;
      return isObjectRecord(value) ? value : [0, value];
    }
    return value === undefined ? [1, effects] : [2, value, effects];
  }
  if ((outcome.ok as unknown) !== false) throw new UnrecordableValue("outcome.ok", "must be true or false");
  if (typeof outcome.code !== "string" || !isWellFormed(outcome.code)) {
    throw new UnrecordableValue("outcome.code", "must be a well-formed string");
  }
  const message: unknown = outcome.message;
  if (message !== undefined && (typeof message !== "string" || !isWellFormed(message))) {
    throw new UnrecordableValue("outcome.message", "must be a well-formed string");
  }
  const code = codes.index(outcome.code);
  if (message === undefined) return effects === undefined ? code : [4, code, effects];
  return effects === undefined ? [3, code, message] : [5, code, message, effects];
}

function requireEffects(effects: unknown): void {
  if (!Array.isArray(effects)) throw new UnrecordableValue("outcome.effects", "must be an array");
  requirePlainData(effects, "outcome.effects", MAX_DATA_DEPTH);
  effects.forEach((effect: unknown, i) => {
    if (!isObjectRecord(effect) || typeof effect.kind !== "string") {
      throw new UnrecordableValue(`outcome.effects[${i}]`, "must be an object with a string kind");
    }
  });
}

/** Decodes a stored outcome, or returns undefined when it is malformed. */
export function decodeOutcome(stored: unknown, codes: readonly string[]): Outcome | undefined {
  if (stored === true) return OK;
  if (typeof stored === "number")
    return isPosition(stored, codes.length) ? { ok: false, code: codes[stored]! } : undefined;
  if (typeof stored !== "object" || stored === null) return undefined;
  if (!Array.isArray(stored)) return { ok: true, value: stored };
  const [tag, a, b, c] = stored as [unknown, unknown, unknown, unknown];
  switch (tag) {
    case 0:
      return stored.length === 2 && !isObjectRecord(a) ? { ok: true, value: a } : undefined;
    case 1:
      return stored.length === 2 && isEffectList(a) ? { ok: true, effects: a } : undefined;
    case 2:
      return stored.length === 3 && isEffectList(b) ? { ok: true, value: a, effects: b } : undefined;
    case 3:
      return stored.length === 3 && isPosition(a, codes.length) && typeof b === "string"
        ? { ok: false, code: codes[a]!, message: b }
        : undefined;
    case 4:
      return stored.length === 3 && isPosition(a, codes.length) && isEffectList(b)
        ? { ok: false, code: codes[a]!, effects: b }
        : undefined;
    case 5:
      return stored.length === 4 && isPosition(a, codes.length) && typeof b === "string" && isEffectList(c)
        ? { ok: false, code: codes[a]!, message: b, effects: c }
        : undefined;
    default:
      return undefined;
  }
}

function isEffectList(value: unknown): value is Effect[] {
  if (!Array.isArray(value)) return false;
  for (const effect of value) if (!isObjectRecord(effect) || typeof effect.kind !== "string") return false;
  return true;
}
