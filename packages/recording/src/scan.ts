import { PagefoldError, withLocation } from "@pagefold/engine";
import type { ByteSource } from "./byte-io.js";
import { corrupt, location } from "./errors.js";
import { readFrameAt, type Frame } from "./frame-io.js";
import type { RecordingHeader } from "./header.js";
import { decodeSeekIndex, type ChunkInfo, type SeekIndex } from "./seek-index.js";
import { decodeTrailer, TRAILER_BYTES } from "./trailer.js";

/**
 * The first damage in a recording: the byte offset of the damaged frame, the first event it
 * touches (the first event not recovered, or the one event a decoder or validator rejected),
 * and what is wrong.
 */
export interface Damage {
  readonly byteOffset: number;
  readonly eventIndex: number;
  readonly message: string;
}

/** A damage record whose message names the place as every PagefoldError message does. */
export function damageAt(
  source: ByteSource,
  message: string,
  byteOffset: number,
  eventIndex: number,
): Damage {
  const where = location({ file: source.file, byteOffset, eventIndex });
  return { byteOffset, eventIndex, message: withLocation(message, where) };
}

/** Where a snapshot frame is and the event index of its state. */
export interface SnapshotLocation {
  readonly offset: number;
  readonly index: number;
}

/** Everything intact up to the first damage, found by reading the frames in order. */
export interface ScanResult {
  readonly chunks: readonly ChunkInfo[];
  readonly snapshots: readonly SnapshotLocation[];
  readonly events: number;
  /** The index, when the recording is complete: index frame and trailer valid and matching the frames. */
  readonly index: SeekIndex | undefined;
  readonly indexOffset: number | undefined;
  readonly damage: Damage | undefined;
}

/** Called for each intact frame before it is counted; a PagefoldError it throws is damage there. */
export type FrameVisitor = (frame: Frame) => void;

/**
 * Reads the frames after the header one by one, checking both CRCs of each, the order of
 * event indexes and, at the end, the index frame and trailer. Stops at the first damage;
 * never throws for damage (only for I/O errors).
 */
export function scanFrames(
  source: ByteSource,
  framesStart: number,
  header: RecordingHeader,
  visit?: FrameVisitor,
): ScanResult {
  const chunks: ChunkInfo[] = [];
  const snapshots: SnapshotLocation[] = [];
  let events = 0;
  let pos = framesStart;
  let indexFrame: Frame | undefined;
  let index: SeekIndex | undefined;
  const result = (damage?: Damage): ScanResult => ({
    chunks,
    snapshots,
    events,
    index: damage === undefined ? index : undefined,
    indexOffset: indexFrame?.offset,
    damage,
  });
  const damaged = (message: string): ScanResult => result(damageAt(source, message, pos, events));

  for (;;) {
    if (pos === source.size) {
      return damaged(
        `recording ends at byte ${pos} without ${indexFrame ? "a trailer" : "an index"}: not closed`,
      );
    }
    if (indexFrame !== undefined) {
      const named = decodeTrailer(source.read(pos, TRAILER_BYTES));
      if (named !== indexFrame.offset || source.size - pos !== TRAILER_BYTES) {
        return damaged(`no valid trailer after the index at byte ${pos}`);
      }
      return result();
    }
    let frame: Frame;
    try {
      frame = readFrameAt(source, pos);
    } catch (error) {
      return result(damageOf(error, pos, events));
    }
    const problem = orderProblem(frame, header, events);
    if (problem !== undefined) return damaged(problem);
    try {
      if (frame.header.type === "PFCI") {
        index = checkIndex(source, frame, framesStart, header, chunks, snapshots, events);
      }
      visit?.(frame);
    } catch (error) {
      // Decoding names the exact event it rejects; the frame header's index was checked above.
      return result(damageOf(error, pos, events, true));
    }
    const { type, first, count } = frame.header;
    if (type === "PFCE") {
      chunks.push({ offset: pos, firstEvent: first, eventCount: count });
      events += count;
    } else if (type === "PFCS") {
      snapshots.push({ offset: pos, index: first });
    } else if (type === "PFCI") {
      indexFrame = frame;
    }
    pos = frame.end;
  }
}

/** Why a CRC-valid frame cannot come next, if it cannot. */
function orderProblem(frame: Frame, header: RecordingHeader, events: number): string | undefined {
  const { type, first, count } = frame.header;
  if (type === "PFRH") return "a second header frame";
  if (type === "PFCE" && first !== events) return `chunk of events ${first}.. where ${events} was next`;
  if (type === "PFCE" && count > header.chunkEvents)
    return `chunk of ${count} events, over ${header.chunkEvents}`;
  if (type === "PFCS" && first > events) return `snapshot at event ${first} after only ${events} events`;
  return undefined;
}

/** The damage a PagefoldError describes (anything else is rethrown). */
function damageOf(error: unknown, pos: number, events: number, trustEventIndex = false): Damage {
  if (!(error instanceof PagefoldError)) throw error;
  const eventIndex = trustEventIndex ? (error.where.eventIndex ?? events) : events;
  return { byteOffset: error.where.byteOffset ?? pos, eventIndex, message: error.message };
}

/** Decodes the index frame and checks it lists exactly the frames the scan found. */
function checkIndex(
  source: ByteSource,
  frame: Frame,
  framesStart: number,
  header: RecordingHeader,
  chunks: readonly ChunkInfo[],
  snapshots: readonly SnapshotLocation[],
  events: number,
): SeekIndex {
  const where = location({ file: source.file, byteOffset: frame.offset });
  const index = decodeSeekIndex(
    frame.payload,
    {
      framesStart,
      indexOffset: frame.offset,
      events: frame.header.first,
      chunkCount: frame.header.count,
      chunkEvents: header.chunkEvents,
    },
    where,
  );
  const sameChunks =
    index.chunks.length === chunks.length && index.chunks.every((c, i) => c.offset === chunks[i]?.offset);
  const sameSnapshots =
    index.snapshots.length === snapshots.length &&
    index.snapshots.every(
      (s, i) => s.offset === snapshots[i]?.offset && s.checkpoint.index === snapshots[i].index,
    );
  if (index.events !== events || !sameChunks || !sameSnapshots) {
    throw corrupt("index does not match the frames before it", where);
  }
  return index;
}
