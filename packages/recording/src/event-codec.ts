import { MAX_DATA_DEPTH } from "./limits.js";
import { isObjectRecord, isWellFormed, requirePlainData, UnrecordableValue } from "./plain-data.js";
import { isPosition, type StringTable } from "./string-table.js";

/**
 * Events in a chunk: the event object with its `op` string replaced by its position in the
 * chunk's op table, every other field (and the key order) unchanged. msgpackr writes each
 * distinct key list once per chunk as a record definition, so a repeated event costs a
 * one-byte record id, a one-byte op position and its field values.
 */

/** The stored form of an event; throws UnrecordableValue when it is not plain data with a string op. */
export function encodeEvent(event: unknown, ops: StringTable): Record<string, unknown> {
  if (!isObjectRecord(event)) throw new UnrecordableValue("", "an event must be an object");
  const proto: unknown = Object.getPrototypeOf(event);
  if (proto !== Object.prototype && proto !== null) {
    throw new UnrecordableValue("", "an event must be a plain object");
  }
  const op = Object.hasOwn(event, "op") ? event.op : undefined;
  if (typeof op !== "string" || !isWellFormed(op))
    throw new UnrecordableValue("op", "must be a well-formed string");
  const stored: Record<string, unknown> = {};
  for (const key of Object.keys(event)) {
    const value = event[key];
    if (key === "op") {
      stored.op = ops.index(op);
      continue;
    }
    if (key === "__proto__") throw new UnrecordableValue(key, "is a __proto__ key, which readers keep inert");
    if (!isWellFormed(key)) throw new UnrecordableValue(key, "is a key with a lone surrogate");
    if (typeof value !== "number" && typeof value !== "boolean")
      requirePlainData(value, key, MAX_DATA_DEPTH - 1);
    stored[key] = value;
  }
  return stored;
}

/**
 * Restores the op strings of decoded events in place (key order kept).
 * Returns the position of the first malformed event, or -1 when all are well formed.
 */
export function restoreOps(events: unknown[], ops: readonly string[]): number {
  const opCount = ops.length;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (typeof event !== "object" || event === null || Array.isArray(event)) return i;
    const position = (event as { op?: unknown }).op;
    if (!isPosition(position, opCount)) return i;
    (event as { op: string }).op = ops[position]!;
  }
  return -1;
}
