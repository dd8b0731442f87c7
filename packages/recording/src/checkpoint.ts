import type { StateDigest } from "@pagefold/engine";

/**
 * The state digest at a checkpoint: `index` counts the events folded into the state
 * (0 is the initial state, `eventCount` the final one). `digest` is the engine's
 * combined 64-bit digest as 16 lowercase hex digits; `parts` optionally the per-subsystem ones.
 */
export interface CheckpointDigest {
  readonly index: number;
  readonly digest: string;
  readonly parts?: Readonly<Record<string, string>>;
}

const HEX16 = /^[0-9a-f]{16}$/;

/** True for a 16-digit lowercase hex digest. */
export function isDigestHex(value: unknown): value is string {
  return typeof value === "string" && HEX16.test(value);
}

/** A checkpoint from a combined digest string or an engine StateDigest; throws on a malformed one. */
export function toCheckpoint(index: number, digest: string | StateDigest): CheckpointDigest {
  if (!Number.isSafeInteger(index) || index < 0)
    throw new RangeError(`checkpoint index ${index} is not an event index`);
  if (typeof digest === "string") {
    if (!isDigestHex(digest)) throw new TypeError(`digest ${JSON.stringify(digest)} is not 16 hex digits`);
    return { index, digest };
  }
  if (!isDigestHex(digest.combined))
    throw new TypeError(`digest ${JSON.stringify(digest.combined)} is not 16 hex digits`);
  const parts: Record<string, string> = {};
  for (const name of Object.keys(digest.parts)) {
    const part = digest.parts[name];
    if (name === "__proto__" || !isDigestHex(part))
      throw new TypeError(`digest part ${name} is not 16 hex digits`);
    parts[name] = part;
  }
  return Object.keys(parts).length > 0
    ? { index, digest: digest.combined, parts }
    : { index, digest: digest.combined };
}

/** The stored form: `[index, digest]` or `[index, digest, parts]`. */
export function encodeCheckpoint(checkpoint: CheckpointDigest): unknown[] {
  const { index, digest, parts } = checkpoint;
  return parts === undefined ? [index, digest] : [index, digest, parts];
}

/** Decodes the stored form, or undefined when it is malformed. */
export function decodeCheckpoint(value: unknown): CheckpointDigest | undefined {
  if (!Array.isArray(value) || (value.length !== 2 && value.length !== 3)) return undefined;
  const [index, digest, parts] = value as [unknown, unknown, unknown];
  if (typeof index !== "number" || !Number.isSafeInteger(index) || index < 0 || !isDigestHex(digest))
    return undefined;
  if (value.length === 2) return { index, digest };
  if (typeof parts !== "object" || parts === null || Array.isArray(parts)) return undefined;
  for (const part of Object.values(parts)) if (!isDigestHex(part)) return undefined;
  return { index, digest, parts: parts as Record<string, string> };
}

/** Decodes a list of checkpoints with strictly increasing indexes, or undefined. */
export function decodeCheckpointList(value: unknown): CheckpointDigest[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: CheckpointDigest[] = [];
  for (const item of value) {
    const checkpoint = decodeCheckpoint(item);
    if (checkpoint === undefined) return undefined;
    const previous = out[out.length - 1];
    if (previous !== undefined && checkpoint.index <= previous.index) return undefined;
    out.push(checkpoint);
  }
  return out;
}
