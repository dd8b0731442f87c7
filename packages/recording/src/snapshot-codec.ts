import type { InputLocation } from "@pagefold/engine";
import { packBody, unpackBody } from "./body.js";
import { isDigestHex, type CheckpointDigest } from "./checkpoint.js";
import { corrupt } from "./errors.js";
import { isObjectRecord, requirePlainData } from "./plain-data.js";

/**
 * State snapshots (`PFCS` payloads): the body is `{ digest, parts?, state }`; the frame
 * header's event index is the checkpoint index (events folded into the state).
 */

/** The payload of a snapshot of `state` at `checkpoint`; the state must be plain data. */
export function encodeSnapshot(checkpoint: CheckpointDigest, state: unknown): Buffer {
  requirePlainData(state, "state");
  const body: Record<string, unknown> = { digest: checkpoint.digest };
  if (checkpoint.parts !== undefined) body.parts = checkpoint.parts;
  body.state = state;
  return packBody(body, `snapshot at event ${checkpoint.index}`, { eventIndex: checkpoint.index });
}

/** Decodes a snapshot payload; throws PFOLD_RECORDING_CORRUPT at `where`. */
export function decodeSnapshot(
  payload: Uint8Array,
  index: number,
  where: InputLocation,
): { checkpoint: CheckpointDigest; state: unknown } {
  const what = `snapshot at event ${index}`;
  const body = unpackBody(payload, what, where);
  if (!isObjectRecord(body) || !isDigestHex(body.digest) || !("state" in body)) {
    throw corrupt(`${what}: malformed body`, where);
  }
  const parts = body.parts;
  if (parts === undefined) return { checkpoint: { index, digest: body.digest }, state: body.state };
  if (!isObjectRecord(parts) || !Object.values(parts).every(isDigestHex)) {
    throw corrupt(`${what}: malformed digest parts`, where);
  }
  return {
    checkpoint: { index, digest: body.digest, parts: parts as Record<string, string> },
    state: body.state,
  };
}
