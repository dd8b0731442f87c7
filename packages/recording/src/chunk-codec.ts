import type { InputLocation, Outcome } from "@pagefold/engine";
import { packBody, unpackBody } from "./body.js";
import { decodeCheckpointList, encodeCheckpoint, type CheckpointDigest } from "./checkpoint.js";
import { corrupt } from "./errors.js";
import { encodeEvent, restoreOps } from "./event-codec.js";
import { decodeOutcome, encodeOutcome } from "./outcome-codec.js";
import { isObjectRecord } from "./plain-data.js";
import { asStringList, StringTable } from "./string-table.js";

/**
 * Events chunks (`PFCE` payloads). The body is one msgpack record:
 * `{ ops, events, codes?, outcomes?, checkpoints? }` with `ops` and `codes` the chunk's string
 * tables, `events` and `outcomes` columns of equal length (see event-codec, outcome-codec) and
 * `checkpoints` a list of `[index, digest, parts?]`.
 */

/** An event as a recording gives it back: a plain object naming its operation. */
export interface RecordedEvent {
  readonly op: string;
  readonly [field: string]: unknown;
}

/** What one chunk holds, decoded. */
export interface DecodedChunk {
  readonly events: RecordedEvent[];
  readonly outcomes: Outcome[] | undefined;
  readonly checkpoints: readonly CheckpointDigest[];
}

/** Accumulates one chunk, encoding each event and outcome as it is added. */
export class ChunkBuilder {
  private readonly ops = new StringTable();
  private readonly codes = new StringTable();
  private readonly events: Record<string, unknown>[] = [];
  private readonly outcomes: unknown[] = [];
  private readonly checkpoints: CheckpointDigest[] = [];

  constructor(
    readonly first: number,
    readonly hasOutcomes: boolean,
  ) {}

  get eventCount(): number {
    return this.events.length;
  }

  get isEmpty(): boolean {
    return this.events.length === 0 && this.checkpoints.length === 0;
  }

  /** Adds an event (and its outcome when the recording has outcomes); nothing is added if either throws. */
  add(event: unknown, outcome?: Outcome): void {
    const storedEvent = encodeEvent(event, this.ops);
    if (this.hasOutcomes) this.outcomes.push(encodeOutcome(outcome as Outcome, this.codes));
    this.events.push(storedEvent);
  }

  addCheckpoint(checkpoint: CheckpointDigest): void {
    this.checkpoints.push(checkpoint);
  }

  /** The chunk's frame payload. */
  payload(where: InputLocation = {}): Buffer {
    const body: Record<string, unknown> = { ops: this.ops.strings, events: this.events };
    if (this.hasOutcomes) {
      body.codes = this.codes.strings;
      body.outcomes = this.outcomes;
    }
    if (this.checkpoints.length > 0) body.checkpoints = this.checkpoints.map(encodeCheckpoint);
    return packBody(body, `events chunk at event ${this.first}`, where);
  }
}

/** What the frame header promised about a chunk; the body must agree. */
export interface ChunkExpectation {
  readonly first: number;
  readonly count: number;
  readonly hasOutcomes: boolean;
}

/** Decodes a chunk payload; throws PFOLD_RECORDING_CORRUPT at `where` when it is malformed. */
export function decodeChunk(
  payload: Uint8Array,
  expect: ChunkExpectation,
  where: InputLocation,
): DecodedChunk {
  const what = `events chunk at event ${expect.first}`;
  const body = unpackBody(payload, what, where);
  const bad = (why: string, eventIndex = expect.first): never => {
    throw corrupt(`${what}: ${why}`, { ...where, eventIndex });
  };
  if (!isObjectRecord(body)) return bad("body is not a record");
  const ops = asStringList(body.ops) ?? bad("op table is not a list of strings");
  const events = body.events;
  if (!Array.isArray(events) || events.length !== expect.count) {
    return bad(
      `holds ${Array.isArray(events) ? events.length : "no"} events, its header says ${expect.count}`,
    );
  }
  const badEvent = restoreOps(events, ops);
  if (badEvent >= 0) bad("malformed event", expect.first + badEvent);
  const outcomes = expect.hasOutcomes ? decodeOutcomes(body, expect, bad) : undefined;
  if (!expect.hasOutcomes && (body.outcomes !== undefined || body.codes !== undefined)) {
    bad("carries outcomes, the header says the recording has none");
  }
  const checkpoints = decodeCheckpointList(body.checkpoints ?? []) ?? bad("malformed checkpoint digests");
  const last = checkpoints[checkpoints.length - 1];
  if (last !== undefined && last.index > expect.first + expect.count)
    bad("checkpoint digest past its events");
  return { events: events as RecordedEvent[], outcomes, checkpoints };
}

function decodeOutcomes(
  body: Record<string, unknown>,
  expect: ChunkExpectation,
  bad: (why: string, eventIndex?: number) => never,
): Outcome[] {
  const codes = asStringList(body.codes) ?? bad("code table is not a list of strings");
  const stored = body.outcomes;
  if (!Array.isArray(stored) || stored.length !== expect.count)
    return bad("outcome column does not match its events");
  for (let i = 0; i < stored.length; i++) {
    stored[i] = decodeOutcome(stored[i], codes) ?? bad("malformed outcome", expect.first + i);
  }
  return stored as Outcome[];
}
