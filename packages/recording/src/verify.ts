import { PagefoldError } from "@pagefold/engine";
import { BufferSource, FileSource, type ByteSource } from "./byte-io.js";
import { decodeChunk } from "./chunk-codec.js";
import type { EventValidator } from "./chunk-loader.js";
import type { CheckpointDigest } from "./checkpoint.js";
import { corrupt, invalidInput, location } from "./errors.js";
import { readFileHeader, type Frame } from "./frame-io.js";
import type { RecordingHeader } from "./header.js";
import { damageAt, scanFrames, type Damage } from "./scan.js";
import { decodeSnapshot } from "./snapshot-codec.js";

/** What `verifyRecording` found. */
export interface VerifyReport {
  /** True when the whole recording is intact and closed. */
  readonly ok: boolean;
  /** Events readable before the first damage (all of them when ok). */
  readonly events: number;
  /** Intact events chunks before the first damage. */
  readonly chunks: number;
  readonly snapshots: number;
  /** True when the index and trailer are valid. */
  readonly complete: boolean;
  /** The first damage; everything before it reads back with `{ recover: true }`. */
  readonly damage?: Damage;
  /** The header, unless the damage is in it. */
  readonly header?: RecordingHeader;
}

/**
 * Checks a recording end to end: every frame's CRCs and order, every chunk and snapshot
 * decoded, checkpoint order, the index against the frames, the trailer; and, with
 * `validate`, every event. Damage is reported, never thrown; a recording of another
 * format version throws PFOLD_RECORDING_INCOMPATIBLE.
 */
export function verifyRecording(
  input: string | Uint8Array,
  options: { readonly validate?: EventValidator<unknown> } = {},
): VerifyReport {
  const source: ByteSource = typeof input === "string" ? new FileSource(input) : new BufferSource(input);
  try {
    let opened: ReturnType<typeof readFileHeader>;
    try {
      opened = readFileHeader(source);
    } catch (error) {
      if (!(error instanceof PagefoldError) || error.code !== "PFOLD_RECORDING_CORRUPT") throw error;
      const damage = { byteOffset: error.where.byteOffset ?? 0, eventIndex: 0, message: error.message };
      return { ok: false, events: 0, chunks: 0, snapshots: 0, complete: false, damage };
    }
    const { header, framesStart } = opened;
    const checkpoints: CheckpointDigest[] = [];
    const scan = scanFrames(source, framesStart, header, (frame) =>
      checkFrame(source, header, frame, checkpoints, options.validate),
    );
    let damage = scan.damage;
    const indexed = scan.index?.checkpoints;
    if (damage === undefined && indexed !== undefined && !sameCheckpoints(indexed, checkpoints)) {
      const message = "the index's checkpoint digests differ from the chunks'";
      damage = damageAt(source, message, scan.indexOffset ?? 0, scan.events);
    }
    const report = {
      events: scan.events,
      chunks: scan.chunks.length,
      snapshots: scan.snapshots.length,
      header,
    };
    return damage === undefined
      ? { ok: true, complete: true, ...report }
      : { ok: false, complete: scan.index !== undefined, damage, ...report };
  } finally {
    source.close();
  }
}

function checkFrame(
  source: ByteSource,
  header: RecordingHeader,
  frame: Frame,
  checkpoints: CheckpointDigest[],
  validate: EventValidator<unknown> | undefined,
): void {
  const where = location({ file: source.file, byteOffset: frame.offset });
  const { type, first, count } = frame.header;
  if (type === "PFCS") decodeSnapshot(frame.payload, first, where);
  if (type !== "PFCE") return;
  const chunk = decodeChunk(frame.payload, { first, count, hasOutcomes: header.hasOutcomes }, where);
  for (const checkpoint of chunk.checkpoints) {
    const previous = checkpoints[checkpoints.length - 1];
    if (previous !== undefined && checkpoint.index <= previous.index) {
      throw corrupt(`checkpoint ${checkpoint.index} does not follow ${previous.index}`, where);
    }
    checkpoints.push(checkpoint);
  }
  chunk.events.forEach((event, i) => {
    const checked = validate?.(event);
    if (checked !== undefined && !checked.ok) {
      const at = location({ ...where, eventIndex: first + i, field: checked.path });
      throw invalidInput(`${event.op}: ${checked.message}`, at);
    }
  });
}

function sameCheckpoints(a: readonly CheckpointDigest[], b: readonly CheckpointDigest[]): boolean {
  return a.length === b.length && a.every((c, i) => sameCheckpoint(c, b[i]));
}

function sameCheckpoint(a: CheckpointDigest, b: CheckpointDigest | undefined): boolean {
  if (b === undefined || a.index !== b.index || a.digest !== b.digest) return false;
  const names = Object.keys(a.parts ?? {});
  if (names.length !== Object.keys(b.parts ?? {}).length) return false;
  return names.every((name) => a.parts?.[name] === b.parts?.[name]);
}
