import type { MachineEvent, Outcome, StateDigest } from "@pagefold/engine";
import { FileSink, MemorySink, type ByteSink } from "./byte-io.js";
import { toCheckpoint, type CheckpointDigest } from "./checkpoint.js";
import { ChunkBuilder } from "./chunk-codec.js";
import { invalidInput } from "./errors.js";
import { encodeFrame } from "./frame.js";
import {
  completeHeader,
  encodeHeader,
  FILE_MAGIC,
  type RecordingHeader,
  type RecordingHeaderInit,
} from "./header.js";
import { UnrecordableValue } from "./plain-data.js";
import { encodeSeekIndex, type ChunkInfo, type SnapshotInfo } from "./seek-index.js";
import { encodeSnapshot } from "./snapshot-codec.js";
import { encodeTrailer } from "./trailer.js";

/** Past this many checkpoint digests the index leaves them out; readers then take them from the chunks. */
const MAX_INDEX_CHECKPOINTS = 1 << 18;

/**
 * Writes a `.pfr` recording as a stream of self-checking frames, synchronously: when a call
 * returns, its complete chunks are in the file, so a writer killed at any moment leaves a
 * file whose complete chunks all read back (`RecordingReader.open(path, { recover: true })`).
 * At most one chunk (`chunkEvents` events) is buffered. `close()` writes the index and trailer.
 *
 * @example
 * const writer = RecordingWriter.create("run.pfr", { machine: "kernel", schemaVersion: 1,
 *   engine: "0.1.0", config, creator: "pagefold record" });
 * for (const event of events) writer.append(event, outcomeOf(event));
 * writer.close();
 */
export class RecordingWriter {
  private chunk: ChunkBuilder;
  private readonly chunks: ChunkInfo[] = [];
  private readonly snapshots: SnapshotInfo[] = [];
  private checkpoints: CheckpointDigest[] | undefined = [];
  private appended = 0;
  private lastCheckpoint = -1;
  private lastSnapshot = 0;
  private closed = false;

  private constructor(
    private readonly sink: ByteSink,
    /** The header as written, with defaults filled in. */
    readonly header: RecordingHeader,
  ) {
    sink.write(Buffer.concat([FILE_MAGIC, encodeFrame("PFRH", encodeHeader(header), 0, 0)]));
    this.chunk = new ChunkBuilder(0, header.hasOutcomes);
  }

  /** Creates (or truncates) `path` and writes the header. */
  static create(path: string, header: RecordingHeaderInit): RecordingWriter {
    const complete = completeHeader(header);
    return new RecordingWriter(new FileSink(path), complete);
  }

  /** A writer to memory; `toBuffer()` gives the bytes written so far. */
  static inMemory(header: RecordingHeaderInit): RecordingWriter {
    return new RecordingWriter(new MemorySink(), completeHeader(header));
  }

  /** Events appended so far. */
  get eventCount(): number {
    return this.appended;
  }

  /**
   * Appends one event, with its outcome when the header says the recording has outcomes.
   * Throws PFOLD_INPUT_INVALID (naming the event index and field) for data a recording cannot
   * carry exactly; nothing is appended then. Nested values are referenced, not copied, until
   * the chunk is written: treat events and outcomes as immutable, as the engine does.
   */
  append(event: MachineEvent, outcome?: Outcome): void {
    this.requireOpen();
    if (this.header.hasOutcomes !== (outcome !== undefined)) {
      throw new TypeError(`this recording ${this.header.hasOutcomes ? "needs" : "has no"} outcomes`);
    }
    try {
      this.chunk.add(event, outcome);
    } catch (cause) {
      if (!(cause instanceof UnrecordableValue)) throw cause;
      const op = typeof event.op === "string" ? event.op : "event";
      throw invalidInput(`cannot record ${op}: ${cause.message}`, {
        eventIndex: this.appended,
        field: cause.path,
      });
    }
    this.appended += 1;
    if (this.chunk.eventCount >= this.header.chunkEvents) this.writeChunk();
  }

  /**
   * Records the state digest after `index` events (0 ≤ index ≤ eventCount, increasing from
   * call to call); it travels in the chunk being filled.
   */
  digest(index: number, digest: string | StateDigest): void {
    this.requireOpen();
    const checkpoint = toCheckpoint(index, digest);
    if (index <= this.lastCheckpoint)
      throw new RangeError(`checkpoint ${index} does not follow ${this.lastCheckpoint}`);
    if (index > this.appended)
      throw new RangeError(`checkpoint ${index} is past the ${this.appended} events appended`);
    this.chunk.addCheckpoint(checkpoint);
    this.lastCheckpoint = index;
    if (this.checkpoints !== undefined && this.checkpoints.length < MAX_INDEX_CHECKPOINTS) {
      this.checkpoints.push(checkpoint);
    } else this.checkpoints = undefined;
  }

  /**
   * Records a snapshot of the (plain-data) state after `index` events with its digest.
   * Buffered events are written first, so a snapshot never precedes the events it folds.
   */
  snapshot(index: number, state: unknown, digest: string | StateDigest): void {
    this.requireOpen();
    const checkpoint = toCheckpoint(index, digest);
    if (index > this.appended || index < this.lastSnapshot) {
      throw new RangeError(`snapshot at ${index} must be from ${this.lastSnapshot} to ${this.appended}`);
    }
    let payload: Buffer;
    try {
      payload = encodeSnapshot(checkpoint, state);
    } catch (cause) {
      if (!(cause instanceof UnrecordableValue)) throw cause;
      throw invalidInput(`cannot record the snapshot: ${cause.message}`, {
        eventIndex: index,
        field: cause.path,
      });
    }
    this.flush();
    this.snapshots.push({ offset: this.sink.position, checkpoint });
    this.sink.write(encodeFrame("PFCS", payload, index, 0));
    this.lastSnapshot = index;
  }

  /** Writes the buffered events (and digests) now, as a possibly short chunk. */
  flush(): void {
    this.requireOpen();
    if (!this.chunk.isEmpty) this.writeChunk();
  }

  /** Flushes, writes the index and trailer, and closes the file. Closing twice does nothing. */
  close(): void {
    if (this.closed) return;
    this.flush();
    const indexOffset = this.sink.position;
    const index = encodeSeekIndex({
      events: this.appended,
      chunks: this.chunks,
      snapshots: this.snapshots,
      checkpoints: this.checkpoints,
    });
    this.sink.write(
      Buffer.concat([
        encodeFrame("PFCI", index, this.appended, this.chunks.length),
        encodeTrailer(indexOffset),
      ]),
    );
    this.sink.close();
    this.closed = true;
  }

  /** The bytes written so far (in-memory writers only); before `close()` this is a file cut short. */
  toBuffer(): Buffer {
    if (!(this.sink instanceof MemorySink)) throw new TypeError("toBuffer() is for in-memory writers");
    return this.sink.toBuffer();
  }

  private writeChunk(): void {
    const { first, eventCount } = this.chunk;
    const payload = this.chunk.payload({ eventIndex: first });
    const offset = this.sink.position;
    this.sink.write(encodeFrame("PFCE", payload, first, eventCount));
    this.chunks.push({ offset, firstEvent: first, eventCount });
    this.chunk = new ChunkBuilder(this.appended, this.header.hasOutcomes);
  }

  private requireOpen(): void {
    if (this.closed) throw new Error("the recording is closed");
  }
}
