/**
 * A per-chunk table of repeated strings (op names, error codes): each distinct string is
 * written once in the chunk and referred to by its position, a one-byte integer in msgpack.
 */
export class StringTable {
  private readonly positions = new Map<string, number>();
  readonly strings: string[] = [];

  /** The position of `value`, adding it on first use. */
  index(value: string): number {
    let position = this.positions.get(value);
    if (position === undefined) {
      position = this.strings.length;
      this.strings.push(value);
      this.positions.set(value, position);
    }
    return position;
  }
}

/** A decoded table: a list of strings, or undefined when the value is not one. */
export function asStringList(value: unknown): readonly string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  for (const item of value) if (typeof item !== "string") return undefined;
  return value as string[];
}

/** True when `value` is an integer position into a table of `length` strings. */
export function isPosition(value: unknown, length: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value < length;
}
