/** One leaf that differs between two readable states. */
export interface DiffEntry {
  /** Dotted path, e.g. `ram.blocks.1234.owner`. */
  readonly path: string;
  /** The value on the left (`undefined` when absent there). */
  readonly left: unknown;
  readonly right: unknown;
}

/**
 * The leaves that differ between two plain-data values, in path order, at most `limit`
 * of them: a readable state difference limited to what changed.
 */
export function diffValues(left: unknown, right: unknown, limit = 40): DiffEntry[] {
  const out: DiffEntry[] = [];
  walk(left, right, "", out, limit);
  return out;
}

function walk(a: unknown, b: unknown, path: string, out: DiffEntry[], limit: number): void {
  if (out.length >= limit || a === b) return;
  const aObj = typeof a === "object" && a !== null;
  const bObj = typeof b === "object" && b !== null;
  if (!aObj || !bObj || Array.isArray(a) !== Array.isArray(b)) {
    if (!(Number.isNaN(a) && Number.isNaN(b)))
      out.push({ path: path === "" ? "(root)" : path, left: a, right: b });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n && out.length < limit; i++) walk(a[i], b[i], join(path, String(i)), out, limit);
    return;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort(byKey);
  for (const k of keys) {
    if (out.length >= limit) return;
    walk(ra[k], rb[k], join(path, k), out, limit);
  }
}

/** Numeric keys in numeric order (frame numbers read naturally), others alphabetically after. */
function byKey(x: string, y: string): number {
  const nx = /^\d+$/.test(x) ? Number(x) : NaN;
  const ny = /^\d+$/.test(y) ? Number(y) : NaN;
  if (!Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny;
  if (!Number.isNaN(nx)) return -1;
  if (!Number.isNaN(ny)) return 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

/** `path: left → right` lines for people. */
export function formatDiff(entries: readonly DiffEntry[]): string[] {
  return entries.map((e) => `${e.path}: ${show(e.left)} → ${show(e.right)}`);
}

function show(v: unknown): string {
  if (v === undefined) return "(absent)";
  const s = JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
