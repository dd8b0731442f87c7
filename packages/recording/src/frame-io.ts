import type { ByteSource } from "./byte-io.js";
import { corrupt, incompatible, location } from "./errors.js";
import { checkPayload, decodeFrameHeader, FRAME_HEADER_BYTES, type FrameHeader } from "./frame.js";
import { decodeHeader, FILE_MAGIC, type RecordingHeader } from "./header.js";

/** A frame read whole and checked against both its CRCs. */
export interface Frame {
  readonly offset: number;
  readonly header: FrameHeader;
  readonly payload: Uint8Array;
  /** Offset just past the frame. */
  readonly end: number;
}

/** Reads and checks the frame at `offset`; throws PFOLD_RECORDING_CORRUPT naming that offset. */
export function readFrameAt(source: ByteSource, offset: number): Frame {
  const header = decodeFrameHeader(source.read(offset, FRAME_HEADER_BYTES), offset, source.file);
  const start = offset + FRAME_HEADER_BYTES;
  const payload = source.read(start, header.payloadLength);
  if (payload.length < header.payloadLength) {
    const eventIndex = header.type === "PFCE" ? header.first : undefined;
    throw corrupt(
      `truncated ${header.type} frame: ${payload.length} of ${header.payloadLength} payload bytes`,
      location({ file: source.file, byteOffset: offset, eventIndex }),
    );
  }
  checkPayload(header, payload, offset, source.file);
  return { offset, header, payload, end: start + header.payloadLength };
}

/** Reads the magic bytes and header frame at the start of a recording. */
export function readFileHeader(source: ByteSource): { header: RecordingHeader; framesStart: number } {
  const where = location({ file: source.file, byteOffset: 0 });
  const magic = source.read(0, FILE_MAGIC.length);
  if (source.size === 0) throw corrupt("empty file: not a pagefold recording", where);
  if (magic.length < 3 || magic[0] !== 0x50 || magic[1] !== 0x46 || magic[2] !== 0x52) {
    throw corrupt("not a pagefold recording (no PFR magic)", where);
  }
  if (magic.length < FILE_MAGIC.length) throw corrupt("truncated magic", where);
  if (magic[3] !== FILE_MAGIC[3]) {
    throw incompatible(`recording format version ${magic[3]}; this reader knows ${FILE_MAGIC[3]}`, where);
  }
  const frame = readFrameAt(source, FILE_MAGIC.length);
  const at = location({ file: source.file, byteOffset: FILE_MAGIC.length });
  if (frame.header.type !== "PFRH")
    throw corrupt(`expected the header frame, found ${frame.header.type}`, at);
  return { header: decodeHeader(frame.payload, at), framesStart: frame.end };
}
