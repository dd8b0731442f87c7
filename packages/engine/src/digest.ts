/**
 * 64-bit state digests from a canonical walk: equal plain-data states give equal digests
 * however they were reached (object key order does not matter, array order does).
 * Two 32-bit lanes mixed with murmur3-style rounds; no BigInt on the hot path.
 */

const TAG_NULL = 0x01;
const TAG_FALSE = 0x02;
const TAG_TRUE = 0x03;
const TAG_INT = 0x04;
const TAG_FLOAT = 0x05;
const TAG_STRING = 0x06;
const TAG_ARRAY = 0x07;
const TAG_OBJECT = 0x08;
const TAG_UNDEFINED = 0x09;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** An incremental 64-bit hasher (two independent 32-bit lanes). */
export class Hasher {
  private a = 0x9e3779b9 | 0;
  private b = 0x85ebca6b | 0;

  /** Mixes one 32-bit word into both lanes. */
  word(w: number): this {
    let k = Math.imul(w | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    let a = this.a ^ k;
    a = (a << 13) | (a >>> 19);
    this.a = (Math.imul(a, 5) + 0xe6546b64) | 0;
    let b = this.b ^ Math.imul(w | 0, 0x2c1b3c6d);
    b = (b << 17) | (b >>> 15);
    this.b = (Math.imul(b, 0x297a2d39) + 0x68e31da4) | 0;
    return this;
  }

  number(n: number): this {
    if (Number.isInteger(n) && n >= -0x80000000 && n <= 0x7fffffff) return this.word(TAG_INT).word(n);
    f64[0] = n;
    return this.word(TAG_FLOAT)
      .word(u32[0] ?? 0)
      .word(u32[1] ?? 0);
  }

  string(s: string): this {
    this.word(TAG_STRING).word(s.length);
    for (let i = 0; i < s.length; i++) this.word(s.charCodeAt(i));
    return this;
  }

  /** Walks plain data canonically (sorted object keys). */
  value(v: unknown): this {
    switch (typeof v) {
      case "number":
        return this.number(v);
      case "string":
        return this.string(v);
      case "boolean":
        return this.word(v ? TAG_TRUE : TAG_FALSE);
      case "undefined":
        return this.word(TAG_UNDEFINED);
      case "object":
        if (v === null) return this.word(TAG_NULL);
        if (Array.isArray(v)) {
          this.word(TAG_ARRAY).word(v.length);
          for (let i = 0; i < v.length; i++) {
            const x: unknown = v[i];
            if (typeof x === "number" && (x | 0) === x) this.word(TAG_INT).word(x);
            else this.value(x);
          }
          return this;
        }
        return this.object(v as Record<string, unknown>);
      default:
        throw new TypeError(`cannot digest a ${typeof v}`);
    }
  }

  private object(o: Record<string, unknown>): this {
    const keys = Object.keys(o).sort();
    this.word(TAG_OBJECT).word(keys.length);
    for (const k of keys) this.string(k).value(o[k]);
    return this;
  }

  /** The digest as 16 lowercase hex digits. */
  hex(): string {
    const a = fmix(this.a ^ this.b);
    const b = fmix(this.b + a);
    return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
  }
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The digest of one plain-data value. */
export function digestOf(value: unknown): string {
  return new Hasher().value(value).hex();
}

/** Combines named part digests (in sorted name order) into one. */
export function combineDigests(parts: Readonly<Record<string, string>>): string {
  const h = new Hasher();
  for (const name of Object.keys(parts).sort()) h.string(name).string(parts[name] ?? "");
  return h.hex();
}
