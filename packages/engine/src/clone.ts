/** A deep copy of plain state data (objects, arrays, primitives). */
export function cloneState<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    const n = value.length;
    const out: unknown[] = new Array<unknown>(n);
    for (let i = 0; i < n; i++) {
      const x: unknown = value[i];
      out[i] = typeof x === "object" && x !== null ? cloneState(x) : x;
    }
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const x = (value as Record<string, unknown>)[key];
    out[key] = typeof x === "object" && x !== null ? cloneState(x) : x;
  }
  return out as T;
}

/** Freezes plain data in place, all the way down. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (const x of value) if (typeof x === "object" && x !== null) deepFreeze(x);
  } else {
    for (const x of Object.values(value)) deepFreeze(x);
  }
  return value;
}
