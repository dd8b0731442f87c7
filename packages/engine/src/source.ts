/** Random access to a run's events, from memory or from a recording on disk. */
export interface EventSource<E> {
  readonly length: number;
  /** Events `from` (inclusive) to `to` (exclusive), in order. */
  read(from: number, to: number): Iterable<E>;
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
