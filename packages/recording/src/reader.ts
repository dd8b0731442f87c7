import type { Outcome } from "@pagefold/engine";
import { BufferSource, FileSource, type ByteSource } from "./byte-io.js";
import { ChunkCache } from "./chunk-cache.js";
import type { RecordedEvent } from "./chunk-codec.js";
import { loadChunk, type EventChecks, type EventValidator, type LoadedChunk } from "./chunk-loader.js";
import type { CheckpointDigest } from "./checkpoint.js";
import { corrupt, location } from "./errors.js";
import type { RecordingHeader } from "./header.js";
import { readLayout, type Layout } from "./layout.js";
import type { Damage } from "./scan.js";
import type { ChunkInfo } from "./seek-index.js";
import { loadSnapshots, type RecordedSnapshot } from "./snapshots.js";

export interface ReaderOptions<E> {
  /** Applied to every decoded event (e.g. `machine.validate`); a rejection is PFOLD_INPUT_INVALID. */
  readonly validate?: EventValidator<E>;
  /** A fast yes/no with `validate`'s judgement (e.g. `machine.accepts`); `validate` explains a no. */
  readonly accepts?: (input: unknown) => boolean;
  /**
   * Read a recording that was not closed or is damaged: every complete, CRC-valid chunk before
   * the first damage is readable and `damage` says where it is. Without it such a file is
   * rejected with PFOLD_RECORDING_CORRUPT.
   */
  readonly recover?: boolean;
  /** Decoded chunks `eventAt` keeps (least recently used go first); default 4. */
  readonly cacheChunks?: number;
}

/** One recorded event with its index and, when the recording has outcomes, its outcome. */
export interface RecordedEntry<E> {
  readonly index: number;
  readonly event: E;
  readonly outcome?: Outcome;
}

/**
 * Reads a `.pfr` recording at random or in order, one chunk at a time: streaming any number
 * of events takes the memory of one chunk. It is itself an event source: `length` and
 * `read(from, to)`. Events handed out by `eventAt` are shared with its cache: do not mutate them.
 *
 * @example
 * const reader = RecordingReader.open("run.pfr", { validate: machine.validate });
 * for (const { event, outcome } of reader.entries()) check(event, outcome);
 * reader.close();
 */
export class RecordingReader<E = RecordedEvent> {
  readonly header: RecordingHeader;
  readonly eventCount: number;
  readonly chunks: readonly ChunkInfo[];
  /** True when the recording was closed and its index is intact. */
  readonly complete: boolean;
  /** The first damage found when opened with `recover`. */
  readonly damage: Damage | undefined;
  private readonly cache: ChunkCache<LoadedChunk<E>>;
  private checkpointList: readonly CheckpointDigest[] | undefined;
  private snapshotList: readonly RecordedSnapshot[] | undefined;

  private constructor(
    private readonly source: ByteSource,
    private readonly layout: Layout,
    private readonly validate: EventChecks<E> | undefined,
    cacheChunks: number,
  ) {
    this.header = layout.header;
    this.eventCount = layout.eventCount;
    this.chunks = layout.chunks;
    this.complete = layout.complete;
    this.damage = layout.damage;
    this.checkpointList = layout.checkpoints;
    this.cache = new ChunkCache(cacheChunks);
  }

  /** Opens a recording file; throws PFOLD_RECORDING_CORRUPT (or _INCOMPATIBLE) naming the byte offset. */
  static open<E = RecordedEvent>(path: string, options: ReaderOptions<E> = {}): RecordingReader<E> {
    return RecordingReader.from(new FileSource(path), options);
  }

  /** Reads a recording held in memory. */
  static fromBuffer<E = RecordedEvent>(
    bytes: Uint8Array,
    options: ReaderOptions<E> = {},
  ): RecordingReader<E> {
    return RecordingReader.from(new BufferSource(bytes), options);
  }

  private static from<E>(source: ByteSource, options: ReaderOptions<E>): RecordingReader<E> {
    try {
      const layout = readLayout(source, options.recover === true);
      const checks =
        options.validate === undefined ? undefined : { validate: options.validate, accepts: options.accepts };
      return new RecordingReader(source, layout, checks, options.cacheChunks ?? 4);
    } catch (error) {
      source.close();
      throw error;
    }
  }

  /** The number of events (event-source shape). */
  get length(): number {
    return this.eventCount;
  }

  /** Events `from` (inclusive) to `to` (exclusive) (event-source shape). */
  read(from: number, to: number): Iterable<E> {
    return this.events(from, to);
  }

  /** Events in order, decoding one chunk at a time; throws RangeError at once for a bad range. */
  events(from = 0, to = this.eventCount): Generator<E, void, undefined> {
    this.checkRange(from, to);
    return this.iterateEvents(from, to);
  }

  /** Events with their index and outcome, in order. */
  entries(from = 0, to = this.eventCount): Generator<RecordedEntry<E>, void, undefined> {
    this.checkRange(from, to);
    return this.iterateEntries(from, to);
  }

  /** Events `from`..`to` a chunk at a time, as arrays (event-source shape; do not mutate). */
  *readBatches(from: number, to: number): Generator<readonly E[]> {
    for (const batch of this.batches(from, to)) yield batch.events;
  }

  /**
   * Events and outcomes a chunk at a time, as arrays (no object per event: the replay hot
   * path). The arrays are the decoded chunk's own: do not mutate them.
   */
  *batches(
    from = 0,
    to = this.eventCount,
  ): Generator<{
    readonly events: readonly E[];
    readonly outcomes: readonly (Outcome | undefined)[] | undefined;
  }> {
    for (const { chunk, start, stop } of this.span(from, to)) {
      const whole = start === 0 && stop === chunk.events.length;
      const events = whole ? chunk.events : chunk.events.slice(start, stop);
      const outcomes =
        chunk.outcomes === undefined ? undefined : whole ? chunk.outcomes : chunk.outcomes.slice(start, stop);
      yield { events, outcomes };
    }
  }

  /** The event at `index`, through a small cache of decoded chunks. */
  eventAt(index: number): E {
    const chunk = this.cachedChunkOf(index);
    return chunk.events[index - chunk.info.firstEvent]!;
  }

  /** The outcome recorded for the event at `index`, if the recording has outcomes. */
  outcomeAt(index: number): Outcome | undefined {
    const chunk = this.cachedChunkOf(index);
    return chunk.outcomes?.[index - chunk.info.firstEvent];
  }

  /** Every checkpoint digest, by event index. */
  digests(): ReadonlyMap<number, string> {
    return new Map(this.checkpoints().map((c) => [c.index, c.digest]));
  }

  /** Every checkpoint digest with its parts, in index order. */
  checkpoints(): readonly CheckpointDigest[] {
    this.checkpointList ??= this.collectCheckpoints();
    return this.checkpointList;
  }

  /** The state snapshots, in file order; `load()` decodes one state. */
  snapshots(): readonly RecordedSnapshot[] {
    this.snapshotList ??= loadSnapshots(this.source, this.layout.snapshots);
    return this.snapshotList;
  }

  /** Releases the file. */
  close(): void {
    this.cache.clear();
    this.source.close();
  }

  private *iterateEvents(from: number, to: number): Generator<E, void, undefined> {
    for (const { chunk, start, stop } of this.span(from, to)) {
      const events = chunk.events;
      for (let k = start; k < stop; k++) yield events[k]!;
    }
  }

  private *iterateEntries(from: number, to: number): Generator<RecordedEntry<E>, void, undefined> {
    for (const { chunk, start, stop } of this.span(from, to)) {
      const { events, outcomes, info } = chunk;
      for (let k = start; k < stop; k++) {
        const index = info.firstEvent + k;
        const outcome = outcomes?.[k];
        yield outcome === undefined ? { index, event: events[k]! } : { index, event: events[k]!, outcome };
      }
    }
  }

  /** The chunks holding events `from..to`, decoded one at a time, with the part of each in range. */
  private *span(from: number, to: number): Generator<{ chunk: LoadedChunk<E>; start: number; stop: number }> {
    for (let c = from < to ? this.chunkOf(from) : this.chunks.length; c < this.chunks.length; c++) {
      const info = this.chunks[c]!;
      if (info.firstEvent >= to) return;
      if (info.eventCount === 0) continue;
      const chunk = loadChunk(this.source, this.header, info, this.validate);
      yield {
        chunk,
        start: Math.max(from - info.firstEvent, 0),
        stop: Math.min(to - info.firstEvent, info.eventCount),
      };
    }
  }

  private cachedChunkOf(index: number): LoadedChunk<E> {
    if (!Number.isInteger(index) || index < 0 || index >= this.eventCount) {
      throw new RangeError(`event ${index} is not in 0..${this.eventCount - 1}`);
    }
    const c = this.chunkOf(index);
    return this.cache.get(c, () => loadChunk(this.source, this.header, this.chunks[c]!, this.validate));
  }

  /** The position of the chunk holding event `index` (the last chunk starting at or before it). */
  private chunkOf(index: number): number {
    let low = 0;
    let high = this.chunks.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (this.chunks[mid]!.firstEvent <= index) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  private checkRange(from: number, to: number): void {
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || from > to || to > this.eventCount) {
      throw new RangeError(`events ${from}..${to} are not within 0..${this.eventCount}`);
    }
  }

  private collectCheckpoints(): CheckpointDigest[] {
    const out: CheckpointDigest[] = [];
    for (const info of this.chunks) {
      for (const checkpoint of loadChunk(this.source, this.header, info, undefined).checkpoints) {
        const previous = out[out.length - 1];
        if (previous !== undefined && checkpoint.index <= previous.index) {
          throw corrupt(
            "checkpoint digests out of order",
            location({ file: this.source.file, byteOffset: info.offset }),
          );
        }
        out.push(checkpoint);
      }
    }
    return out;
  }
}
