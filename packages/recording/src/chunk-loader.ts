import type { Outcome, Validation } from "@pagefold/engine";
import type { ByteSource } from "./byte-io.js";
import { decodeChunk, type DecodedChunk } from "./chunk-codec.js";
import { corrupt, invalidInput, location } from "./errors.js";
import { readFrameAt } from "./frame-io.js";
import type { RecordingHeader } from "./header.js";
import type { ChunkInfo } from "./seek-index.js";

/** How a reader checks untrusted decoded events: a fast yes/no when it has one, and the explainer. */
export interface EventChecks<E> {
  readonly validate: EventValidator<E>;
  readonly accepts?: ((input: unknown) => boolean) | undefined;
}

/** Checks one untrusted decoded event: the engine's `Machine.validate` shape. */
export type EventValidator<E> = (input: unknown) => Validation<E>;

/** A decoded chunk whose events passed the validator. */
export interface LoadedChunk<E> {
  readonly info: ChunkInfo;
  readonly events: readonly E[];
  readonly outcomes: readonly Outcome[] | undefined;
  readonly checkpoints: DecodedChunk["checkpoints"];
}

/**
 * Reads, checks and decodes the chunk `info` names, then validates every event. Damage is
 * PFOLD_RECORDING_CORRUPT at the chunk's byte offset; an event the validator rejects is
 * PFOLD_INPUT_INVALID naming its index, the chunk's byte offset and the field.
 */
export function loadChunk<E>(
  source: ByteSource,
  header: RecordingHeader,
  info: ChunkInfo,
  checks: EventChecks<E> | undefined,
): LoadedChunk<E> {
  const frame = readFrameAt(source, info.offset);
  const where = location({ file: source.file, byteOffset: info.offset });
  const { type, first, count } = frame.header;
  if (type !== "PFCE" || first !== info.firstEvent || count !== info.eventCount) {
    throw corrupt(`expected the chunk of events ${info.firstEvent}.., found ${type} ${first}..`, where);
  }
  const chunk = decodeChunk(frame.payload, { first, count, hasOutcomes: header.hasOutcomes }, where);
  const events =
    checks === undefined ? (chunk.events as unknown as E[]) : validateEvents(chunk, info, checks, source);
  return { info, events, outcomes: chunk.outcomes, checkpoints: chunk.checkpoints };
}

function validateEvents<E>(
  chunk: DecodedChunk,
  info: ChunkInfo,
  { validate, accepts }: EventChecks<E>,
  source: ByteSource,
): E[] {
  const out = new Array<E>(chunk.events.length);
  for (let i = 0; i < chunk.events.length; i++) {
    const event = chunk.events[i]!;
    if (accepts?.(event) === true) {
      out[i] = event as E;
      continue;
    }
    const checked = validate(event);
    if (!checked.ok) {
      const where = location({
        file: source.file,
        byteOffset: info.offset,
        eventIndex: info.firstEvent + i,
        field: checked.path,
      });
      throw invalidInput(`${event.op}: ${checked.message}`, where);
    }
    out[i] = checked.value;
  }
  return out;
}
