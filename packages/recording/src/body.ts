import { deflateRawSync, inflateRawSync } from "node:zlib";
import { Packr, Unpackr } from "msgpackr";
import type { InputLocation } from "@pagefold/engine";
import { corrupt, describe, invalidInput } from "./errors.js";
import { BODY_NESTING, DEFLATE_LEVEL, MAX_BODY_BYTES, MAX_DATA_DEPTH } from "./limits.js";
import { checkMsgpack } from "./msgpack-guard.js";

/**
 * Frame bodies: a value encoded with msgpackr records, deflated (raw), behind a u32 (LE)
 * of the inflated length. Every body is packed by a fresh Packr with no shared structures,
 * so its record definitions are inline and it decodes alone, whatever came before it.
 */

const BODY_PREFIX_BYTES = 4;

/** Decoding options: maps become plain objects; nothing else is enabled (see msgpack-guard). */
const unpackr = new Unpackr({ mapsAsObjects: true, structuredClone: false, int64AsType: "number" });

/** Encodes a checked plain-data value as a frame payload. */
export function packBody(value: unknown, what: string, where: InputLocation = {}): Buffer {
  const packed = new Packr({ useRecords: true }).pack(value);
  if (packed.length > MAX_BODY_BYTES) {
    throw invalidInput(
      `${what} encodes to ${packed.length} bytes, more than the ${MAX_BODY_BYTES} limit`,
      where,
    );
  }
  const deflated = deflateRawSync(packed, { level: DEFLATE_LEVEL });
  const payload = Buffer.allocUnsafe(BODY_PREFIX_BYTES + deflated.length);
  payload.writeUInt32LE(packed.length, 0);
  payload.set(deflated, BODY_PREFIX_BYTES);
  return payload;
}

/**
 * Decodes a frame payload into plain data (objects, arrays, numbers, strings, booleans,
 * null) nested at most MAX_DATA_DEPTH + BODY_NESTING deep; throws PFOLD_RECORDING_CORRUPT
 * with `where` on anything else.
 */
export function unpackBody(payload: Uint8Array, what: string, where: InputLocation): unknown {
  if (payload.length < BODY_PREFIX_BYTES) throw corrupt(`${what}: payload too short`, where);
  const length = Buffer.from(payload.buffer, payload.byteOffset, payload.length).readUInt32LE(0);
  if (length > MAX_BODY_BYTES) throw corrupt(`${what}: body of ${length} bytes exceeds the limit`, where);
  let packed: Buffer;
  try {
    packed = inflateRawSync(payload.subarray(BODY_PREFIX_BYTES), { maxOutputLength: Math.max(length, 1) });
  } catch (cause) {
    throw corrupt(`${what}: cannot inflate: ${describe(cause)}`, where, cause);
  }
  if (packed.length !== length) {
    throw corrupt(`${what}: body inflates to ${packed.length} bytes, header says ${length}`, where);
  }
  const rejected = checkMsgpack(packed, MAX_DATA_DEPTH + BODY_NESTING);
  if (rejected !== undefined) throw corrupt(`${what}: ${rejected}`, where);
  try {
    return unpackr.unpack(packed) as unknown;
  } catch (cause) {
    throw corrupt(`${what}: cannot decode: ${describe(cause)}`, where, cause);
  }
}
