import { deflateRawSync } from "node:zlib";
import { encodeFrame, type FrameType } from "../../src/frame.js";
import { completeHeader, encodeHeader, FILE_MAGIC } from "../../src/header.js";
import { testHeader } from "./header.js";

/** Hex (spaces allowed) to bytes. */
export function hex(text: string): Buffer {
  return Buffer.from(text.replace(/\s+/g, ""), "hex");
}

/** A frame payload wrapping raw msgpack bytes the way bodies are stored (length, deflate-raw). */
export function bodyPayload(msgpack: Uint8Array): Buffer {
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32LE(msgpack.length, 0);
  return Buffer.concat([prefix, deflateRawSync(msgpack)]);
}

/** A recording start (magic and a valid header frame) followed by the given frames. */
export function recordingWith(frames: readonly Buffer[], chunkEvents = 16): Buffer {
  const header = encodeFrame("PFRH", encodeHeader(completeHeader(testHeader({ chunkEvents }))), 0, 0);
  return Buffer.concat([FILE_MAGIC, header, ...frames]);
}

/** A CRC-valid frame around a hostile msgpack body. */
export function hostileFrame(type: FrameType, msgpack: Uint8Array, first: number, count: number): Buffer {
  return encodeFrame(type, bodyPayload(msgpack), first, count);
}
