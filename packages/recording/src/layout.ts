import type { ByteSource } from "./byte-io.js";
import type { CheckpointDigest } from "./checkpoint.js";
import { corrupt, location } from "./errors.js";
import { FRAME_HEADER_BYTES } from "./frame.js";
import { readFileHeader, readFrameAt } from "./frame-io.js";
import type { RecordingHeader } from "./header.js";
import { scanFrames, type Damage, type SnapshotLocation } from "./scan.js";
import { decodeSeekIndex, type ChunkInfo } from "./seek-index.js";
import { decodeTrailer, TRAILER_BYTES } from "./trailer.js";

/** What a reader knows about a recording before decoding any events. */
export interface Layout {
  readonly header: RecordingHeader;
  readonly chunks: readonly ChunkInfo[];
  readonly snapshots: readonly (SnapshotLocation & { readonly checkpoint?: CheckpointDigest })[];
  /** From the index; undefined when the chunks must be read for them. */
  readonly checkpoints: readonly CheckpointDigest[] | undefined;
  readonly eventCount: number;
  /** True when the index and trailer are valid. */
  readonly complete: boolean;
  /** The first damage (recover mode only; strict mode throws instead). */
  readonly damage: Damage | undefined;
}

/**
 * Finds the chunks of a recording. Strict mode seeks through the trailer to the index and
 * throws PFOLD_RECORDING_CORRUPT if either is missing or damaged. Recover mode reads every
 * frame in order, checking CRCs, and keeps everything intact before the first damage.
 */
export function readLayout(source: ByteSource, recover: boolean): Layout {
  const { header, framesStart } = readFileHeader(source);
  return recover ? layoutByScan(source, header, framesStart) : layoutByIndex(source, header, framesStart);
}

function layoutByIndex(source: ByteSource, header: RecordingHeader, framesStart: number): Layout {
  const trailerAt = source.size - TRAILER_BYTES;
  const indexOffset =
    trailerAt >= framesStart ? decodeTrailer(source.read(trailerAt, TRAILER_BYTES)) : undefined;
  const where = (byteOffset: number) => location({ file: source.file, byteOffset });
  if (
    indexOffset === undefined ||
    indexOffset < framesStart ||
    indexOffset + FRAME_HEADER_BYTES > trailerAt
  ) {
    throw corrupt(
      "no valid trailer: the writer did not close the recording or its end is damaged " +
        "(the intact chunks before it read back in recover mode)",
      where(Math.max(trailerAt, 0)),
    );
  }
  const frame = readFrameAt(source, indexOffset);
  if (frame.header.type !== "PFCI" || frame.end !== trailerAt) {
    throw corrupt("the trailer does not point at the index frame", where(indexOffset));
  }
  const index = decodeSeekIndex(
    frame.payload,
    {
      framesStart,
      indexOffset,
      events: frame.header.first,
      chunkCount: frame.header.count,
      chunkEvents: header.chunkEvents,
    },
    where(indexOffset),
  );
  return {
    header,
    chunks: index.chunks,
    snapshots: index.snapshots.map((s) => ({
      offset: s.offset,
      index: s.checkpoint.index,
      checkpoint: s.checkpoint,
    })),
    checkpoints: index.checkpoints,
    eventCount: index.events,
    complete: true,
    damage: undefined,
  };
}

function layoutByScan(source: ByteSource, header: RecordingHeader, framesStart: number): Layout {
  const scan = scanFrames(source, framesStart, header);
  const index = scan.index;
  return {
    header,
    chunks: scan.chunks,
    snapshots:
      index === undefined
        ? scan.snapshots
        : index.snapshots.map((s) => ({
            offset: s.offset,
            index: s.checkpoint.index,
            checkpoint: s.checkpoint,
          })),
    checkpoints: index?.checkpoints,
    eventCount: scan.events,
    complete: index !== undefined,
    damage: scan.damage,
  };
}
