/** A small least-recently-used cache of decoded chunks, keyed by chunk position. */
export class ChunkCache<T> {
  private readonly entries = new Map<number, T>();

  constructor(private readonly capacity: number) {}

  /** The cached value for `key`, or the one `load` makes (which then evicts the oldest). */
  get(key: number, load: () => T): T {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = load();
    if (this.capacity <= 0) return value;
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
