import type { ByteSource } from "./byte-io.js";
import type { CheckpointDigest } from "./checkpoint.js";
import { corrupt, location } from "./errors.js";
import { readFrameAt } from "./frame-io.js";
import type { SnapshotLocation } from "./scan.js";
import { decodeSnapshot } from "./snapshot-codec.js";

/** A state snapshot in a recording: its event index and digest now, its state on `load()`. */
export interface RecordedSnapshot {
  /** Events folded into the state. */
  readonly index: number;
  readonly digest: string;
  readonly parts?: Readonly<Record<string, string>>;
  /** Byte offset of the snapshot frame. */
  readonly offset: number;
  /** Reads and decodes the state (plain data); throws PFOLD_RECORDING_CORRUPT on damage. */
  load(): unknown;
}

/**
 * The snapshots at `locations`. Digests come from the index when it listed them; a recording
 * without an index has each snapshot frame decoded once here to learn its digest.
 */
export function loadSnapshots(
  source: ByteSource,
  locations: readonly (SnapshotLocation & { readonly checkpoint?: CheckpointDigest })[],
): RecordedSnapshot[] {
  return locations.map((at) => {
    const checkpoint = at.checkpoint ?? readSnapshot(source, at).checkpoint;
    const load = (): unknown => readSnapshot(source, at).state;
    const { index, digest, parts } = checkpoint;
    return parts === undefined
      ? { index, digest, offset: at.offset, load }
      : { index, digest, parts, offset: at.offset, load };
  });
}

function readSnapshot(
  source: ByteSource,
  at: SnapshotLocation,
): { checkpoint: CheckpointDigest; state: unknown } {
  const frame = readFrameAt(source, at.offset);
  const where = location({ file: source.file, byteOffset: at.offset, eventIndex: at.index });
  if (frame.header.type !== "PFCS" || frame.header.first !== at.index) {
    throw corrupt(`expected the snapshot at event ${at.index}, found ${frame.header.type}`, where);
  }
  return decodeSnapshot(frame.payload, at.index, where);
}
