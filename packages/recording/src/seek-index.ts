import type { InputLocation } from "@pagefold/engine";
import { packBody, unpackBody } from "./body.js";
import {
  decodeCheckpoint,
  decodeCheckpointList,
  encodeCheckpoint,
  type CheckpointDigest,
} from "./checkpoint.js";
import { corrupt } from "./errors.js";
import { FRAME_HEADER_BYTES } from "./frame.js";
import { isObjectRecord } from "./plain-data.js";

/**
 * The index frame (`PFCI`) that `close()` writes last: where every chunk and snapshot is,
 * and every checkpoint digest, so a reader seeks without decoding what comes before.
 * Body: `{ chunks: [[offset, firstEvent, eventCount]...], snapshots: [[offset, index,
 * digest, parts?]...], checkpoints: [[index, digest, parts?]...] }`. The frame header's event
 * index is the total event count and its count the number of chunks.
 */

/** Where an events chunk is and which events it holds. */
export interface ChunkInfo {
  /** Byte offset of the chunk's frame in the file. */
  readonly offset: number;
  readonly firstEvent: number;
  readonly eventCount: number;
}

/** Where a state snapshot is, and the digest of its state. */
export interface SnapshotInfo {
  readonly offset: number;
  readonly checkpoint: CheckpointDigest;
}

export interface SeekIndex {
  readonly events: number;
  readonly chunks: readonly ChunkInfo[];
  readonly snapshots: readonly SnapshotInfo[];
  /** Left out when there are too many; readers then take them from the chunks. */
  readonly checkpoints: readonly CheckpointDigest[] | undefined;
}

export function encodeSeekIndex(index: SeekIndex): Buffer {
  const body: Record<string, unknown> = {
    chunks: index.chunks.map((c) => [c.offset, c.firstEvent, c.eventCount]),
    snapshots: index.snapshots.map((s) => [s.offset, ...encodeCheckpoint(s.checkpoint)]),
  };
  if (index.checkpoints !== undefined) body.checkpoints = index.checkpoints.map(encodeCheckpoint);
  return packBody(body, "index");
}

/** The byte range frames may occupy and what the index frame header promised. */
export interface SeekIndexBounds {
  readonly framesStart: number;
  readonly indexOffset: number;
  readonly events: number;
  readonly chunkCount: number;
  readonly chunkEvents: number;
}

/** Decodes and cross-checks an index payload; throws PFOLD_RECORDING_CORRUPT at `where`. */
export function decodeSeekIndex(
  payload: Uint8Array,
  bounds: SeekIndexBounds,
  where: InputLocation,
): SeekIndex {
  const body = unpackBody(payload, "index", where);
  const bad = (why: string): never => {
    throw corrupt(`index: ${why}`, where);
  };
  if (!isObjectRecord(body)) return bad("body is not a record");
  const { chunks: rawChunks, snapshots: rawSnapshots } = body;
  if (!Array.isArray(rawChunks) || rawChunks.length !== bounds.chunkCount)
    return bad("chunk list does not match");
  if (!Array.isArray(rawSnapshots)) return bad("snapshot list is missing");
  const inFrames = (offset: unknown, after: number): offset is number =>
    Number.isSafeInteger(offset) &&
    (offset as number) >= after &&
    (offset as number) + FRAME_HEADER_BYTES <= bounds.indexOffset;

  const chunks: ChunkInfo[] = [];
  let events = 0;
  let after = bounds.framesStart;
  for (const entry of rawChunks) {
    if (!Array.isArray(entry) || entry.length !== 3) return bad("malformed chunk entry");
    const [offset, firstEvent, eventCount] = entry as [unknown, unknown, unknown];
    if (!inFrames(offset, after)) return bad(`chunk offset ${String(offset)} out of order or range`);
    if (firstEvent !== events)
      return bad(`chunk at ${offset} starts at event ${String(firstEvent)}, not ${events}`);
    if (
      !Number.isInteger(eventCount) ||
      (eventCount as number) < 0 ||
      (eventCount as number) > bounds.chunkEvents
    ) {
      return bad(`chunk at ${offset} has ${String(eventCount)} events`);
    }
    chunks.push({ offset, firstEvent: events, eventCount: eventCount as number });
    events += eventCount as number;
    after = offset + FRAME_HEADER_BYTES;
  }
  if (events !== bounds.events) bad(`chunks hold ${events} events, the index frame says ${bounds.events}`);

  const snapshots: SnapshotInfo[] = [];
  after = bounds.framesStart;
  for (const entry of rawSnapshots) {
    if (!Array.isArray(entry) || entry.length < 3) return bad("malformed snapshot entry");
    const [offset, ...stored] = entry as unknown[];
    const checkpoint = decodeCheckpoint(stored);
    if (!inFrames(offset, after)) return bad(`snapshot offset ${String(offset)} out of order or range`);
    if (checkpoint === undefined || checkpoint.index > events)
      return bad(`malformed snapshot entry at ${offset}`);
    snapshots.push({ offset, checkpoint });
    after = offset + FRAME_HEADER_BYTES;
  }

  const checkpoints =
    body.checkpoints === undefined
      ? undefined
      : (decodeCheckpointList(body.checkpoints) ?? bad("malformed checkpoint digests"));
  if ((checkpoints?.[checkpoints.length - 1]?.index ?? 0) > events)
    bad("checkpoint digest past the last event");
  return { events, chunks, snapshots, checkpoints };
}
