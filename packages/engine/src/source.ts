/** Random access to a run's events, from memory or from a recording on disk. */
export interface EventSource<E> {
  readonly length: number;
  /** Events `from` (inclusive) to `to` (exclusive), in order. */
  read(from: number, to: number): Iterable<E>;
  /** The same events as arrays, a chunk at a time (optional: the fast path of long replays). */
  readBatches?(from: number, to: number): Iterable<readonly E[]>;
}

/** The events `from`..`to` of a source as arrays, batched when the source can. */
export function* batchesOf<E>(source: EventSource<E>, from: number, to: number): Generator<readonly E[]> {
  if (source.readBatches !== undefined) {
    yield* source.readBatches(from, to);
    return;
  }
  let batch: E[] = [];
  for (const event of source.read(from, to)) {
    batch.push(event);
    if (batch.length === 4096) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** An in-memory event list as an EventSource. */
export function arraySource<E>(events: readonly E[]): EventSource<E> {
  return {
    length: events.length,
    *read(from, to) {
      for (let i = Math.max(0, from); i < Math.min(to, events.length); i++) yield events[i] as E;
    },
  };
}
