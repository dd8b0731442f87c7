/**
 * Outcomes are data, never exceptions: what the kernel answered to one event.
 * Codes are the seeds' own (KErrNoMemory, ENOENT, AS_PF_FAULT, ...); `PANIC` halts the machine.
 */

/** Something the kernel did as a consequence of an event (a page aged, a sleeper woken, ...). */
export interface Effect {
  readonly kind: string;
  readonly [field: string]: unknown;
}

export interface OkOutcome<V = unknown> {
  readonly ok: true;
  readonly value?: V;
  readonly effects?: readonly Effect[];
}

export interface ErrOutcome {
  readonly ok: false;
  readonly code: string;
  readonly message?: string;
  readonly effects?: readonly Effect[];
}

export type Outcome<V = unknown> = OkOutcome<V> | ErrOutcome;

/** The code of a faithful kernel panic: the machine halts and later events answer `HALTED`. */
export const PANIC = "PANIC";
/** The answer of every event after a panic. */
export const HALTED = "HALTED";
/** A reducer threw: a bug in the model, reported as a halt so replays stay deterministic. */
export const INTERNAL = "INTERNAL";

const OK: OkOutcome = Object.freeze({ ok: true });

/** A successful outcome; `effects` is left out when empty so outcomes compare and encode small. */
export function ok<V>(value?: V, effects?: readonly Effect[]): OkOutcome<V> {
  if (value === undefined && (effects === undefined || effects.length === 0)) return OK as OkOutcome<V>;
  const out: { ok: true; value?: V; effects?: readonly Effect[] } = { ok: true };
  if (value !== undefined) out.value = value;
  if (effects !== undefined && effects.length > 0) out.effects = effects;
  return out;
}

/** A failed outcome with the kernel's own error code. */
export function err(code: string, message?: string, effects?: readonly Effect[]): ErrOutcome {
  const out: { ok: false; code: string; message?: string; effects?: readonly Effect[] } = { ok: false, code };
  if (message !== undefined) out.message = message;
  if (effects !== undefined && effects.length > 0) out.effects = effects;
  return out;
}

/** The short code of an outcome: `ok` or the error code. */
export function outcomeCode(outcome: Outcome): string {
  return outcome.ok ? "ok" : outcome.code;
}

/**
 * Structural equality of two outcomes as divergence checks see them: `ok`, `code`, `value`
 * and `effects` must match; human `message`s may differ between revisions and are ignored.
 */
export function sameOutcome(a: Outcome, b: Outcome): boolean {
  if (a.ok !== b.ok) return false;
  if (!a.ok && !b.ok && a.code !== b.code) return false;
  if (a.ok && b.ok && !deepEqual(a.value, b.value)) return false;
  return deepEqual(a.effects ?? [], b.effects ?? []);
}

/** Deep equality of plain data (objects, arrays, primitives). Key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    return typeof a === "number" && typeof b === "number" && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  // Counted with for-in rather than Object.keys: outcomes are compared at every replayed event,
  // and this allocates nothing.
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let keys = 0;
  for (const k in ra) {
    if (!hasOwn(ra, k)) continue;
    keys++;
    if (!hasOwn(rb, k) || !deepEqual(ra[k], rb[k])) return false;
  }
  for (const k in rb) if (hasOwn(rb, k)) keys--;
  return keys === 0;
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
