import { crc32 } from "node:zlib";
import { corrupt, location } from "./errors.js";
import { MAX_FRAME_PAYLOAD, MAX_SAFE_INDEX } from "./limits.js";

/**
 * Self-delimiting frames: a fixed 28-byte header (little-endian) followed by the payload.
 *
 * | offset | size | field |
 * |---|---|---|
 * | 0 | 4 | type, ASCII (`PFRH` header, `PFCE` events chunk, `PFCS` state snapshot, `PFCI` index) |
 * | 4 | 4 | payload length (at most 64 MiB) |
 * | 8 | 4 | CRC-32 of the payload |
 * | 12 | 8 | first event index (u64 as low, high u32; below 2^53) |
 * | 20 | 4 | event count |
 * | 24 | 4 | CRC-32 of bytes 0..23 |
 *
 * The header has its own CRC so a scanner trusts a length only after checking it, and can
 * name the event index of a damaged payload without decoding anything.
 */

export const FRAME_HEADER_BYTES = 28;

export const FRAME_TYPES = ["PFRH", "PFCE", "PFCS", "PFCI"] as const;
export type FrameType = (typeof FRAME_TYPES)[number];

export interface FrameHeader {
  readonly type: FrameType;
  readonly payloadLength: number;
  readonly payloadCrc: number;
  /** PFCE: first event; PFCS: the snapshot's event index; PFCI: total events; PFRH: 0. */
  readonly first: number;
  /** PFCE: events in the chunk; PFCI: chunks in the recording; otherwise 0. */
  readonly count: number;
}

/** The frame (header and payload) as one buffer, so the writer issues one write per frame. */
export function encodeFrame(type: FrameType, payload: Uint8Array, first: number, count: number): Buffer {
  if (payload.length > MAX_FRAME_PAYLOAD) {
    throw new RangeError(`frame payload of ${payload.length} bytes exceeds ${MAX_FRAME_PAYLOAD}`);
  }
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
  frame.write(type, 0, 4, "latin1");
  frame.writeUInt32LE(payload.length, 4);
  frame.writeUInt32LE(crc32(payload), 8);
  writeU64(frame, 12, first);
  frame.writeUInt32LE(count, 20);
  frame.writeUInt32LE(crc32(frame.subarray(0, 24)), 24);
  frame.set(payload, FRAME_HEADER_BYTES);
  return frame;
}

/**
 * Checks and decodes a frame header read at `byteOffset` of the file; throws
 * `PFOLD_RECORDING_CORRUPT` naming that offset when anything is off.
 */
export function decodeFrameHeader(bytes: Uint8Array, byteOffset: number, file?: string): FrameHeader {
  const at = location({ file, byteOffset });
  if (bytes.length < FRAME_HEADER_BYTES) {
    throw corrupt(`truncated frame header: ${bytes.length} of ${FRAME_HEADER_BYTES} bytes`, at);
  }
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, FRAME_HEADER_BYTES);
  if (crc32(view.subarray(0, 24)) !== view.readUInt32LE(24)) {
    throw corrupt("frame header fails its CRC-32", at);
  }
  const type = view.toString("latin1", 0, 4);
  if (!isFrameType(type)) throw corrupt(`unknown frame type ${JSON.stringify(type)}`, at);
  const payloadLength = view.readUInt32LE(4);
  if (payloadLength > MAX_FRAME_PAYLOAD) {
    throw corrupt(`frame payload length ${payloadLength} exceeds ${MAX_FRAME_PAYLOAD}`, at);
  }
  const first = readU64(view, 12);
  if (first === undefined) throw corrupt("frame event index exceeds 2^53", at);
  return { type, payloadLength, payloadCrc: view.readUInt32LE(8), first, count: view.readUInt32LE(20) };
}

/** Throws when a payload does not match the CRC-32 its header recorded. */
export function checkPayload(
  header: FrameHeader,
  payload: Uint8Array,
  byteOffset: number,
  file?: string,
): void {
  if (payload.length !== header.payloadLength || crc32(payload) !== header.payloadCrc) {
    const at = location({ file, byteOffset });
    const eventIndex = header.type === "PFCE" ? { eventIndex: header.first } : {};
    throw corrupt(`${header.type} frame payload fails its CRC-32`, { ...at, ...eventIndex });
  }
}

function isFrameType(type: string): type is FrameType {
  return (FRAME_TYPES as readonly string[]).includes(type);
}

/** Writes a safe integer as two little-endian u32 (low, high). */
export function writeU64(target: Buffer, offset: number, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not a u64 index: ${value}`);
  target.writeUInt32LE(value % 0x1_0000_0000, offset);
  target.writeUInt32LE(Math.floor(value / 0x1_0000_0000), offset + 4);
}

/** Reads two little-endian u32 (low, high); undefined past 2^53. */
export function readU64(source: Buffer, offset: number): number | undefined {
  const value = source.readUInt32LE(offset + 4) * 0x1_0000_0000 + source.readUInt32LE(offset);
  return value <= MAX_SAFE_INDEX ? value : undefined;
}
