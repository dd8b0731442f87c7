import { crc32 } from "node:zlib";
import { readU64, writeU64 } from "./frame.js";

/**
 * The fixed 16-byte trailer closing a complete recording: `PFRE`, the u64 (LE) offset of
 * the index frame, and the CRC-32 of those 12 bytes. A reader seeks to it first.
 */
export const TRAILER_BYTES = 16;
export const TRAILER_MAGIC = "PFRE";

export function encodeTrailer(indexOffset: number): Buffer {
  const trailer = Buffer.alloc(TRAILER_BYTES);
  trailer.write(TRAILER_MAGIC, 0, 4, "latin1");
  writeU64(trailer, 4, indexOffset);
  trailer.writeUInt32LE(crc32(trailer.subarray(0, 12)), 12);
  return trailer;
}

/** The index frame offset a trailer names, or undefined when the bytes are not a valid trailer. */
export function decodeTrailer(bytes: Uint8Array): number | undefined {
  if (bytes.length !== TRAILER_BYTES) return undefined;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (view.toString("latin1", 0, 4) !== TRAILER_MAGIC) return undefined;
  if (crc32(view.subarray(0, 12)) !== view.readUInt32LE(12)) return undefined;
  return readU64(view, 4);
}

/** True when `bytes` start with the trailer magic. */
export function startsWithTrailerMagic(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x46 && bytes[2] === 0x52 && bytes[3] === 0x45;
}
