import type { Outcome } from "@pagefold/engine";

/** A ram-like event as EVENTS.md defines them. */
export type RamEvent = { op: "ram.alloc"; pages: number } | { op: "ram.free"; pfn: number; pages: number };

/**
 * A deterministic, realistic stream of single-page allocations and frees over `frames`
 * frames with their outcomes: allocations take a random free frame (KErrNoMemory when there
 * is none), frees give back a random allocated frame, the population hovering around half.
 * Randomness is the kernel's own LCG (seed = seed * 69069 + 1), seeded explicitly.
 */
export function* ramStream(count: number, seed = 33333, frames = 16384): Generator<[RamEvent, Outcome]> {
  let state = seed >>> 0;
  const random = (): number => {
    state = (Math.imul(state, 69069) + 1) >>> 0;
    return state / 0x1_0000_0000;
  };
  const free: number[] = [];
  for (let pfn = frames - 1; pfn >= 0; pfn--) free.push(pfn);
  const used: number[] = [];
  const take = (from: number[]): number => {
    const k = Math.floor(random() * from.length);
    const value = from[k]!;
    from[k] = from[from.length - 1]!;
    from.pop();
    return value;
  };
  for (let i = 0; i < count; i++) {
    const allocate = used.length === 0 || (used.length < frames / 2 ? random() < 0.6 : random() < 0.4);
    if (!allocate) {
      const pfn = take(used);
      free.push(pfn);
      yield [{ op: "ram.free", pfn, pages: 1 }, { ok: true }];
    } else if (free.length === 0) {
      yield [
        { op: "ram.alloc", pages: 1 },
        { ok: false, code: "KErrNoMemory" },
      ];
    } else {
      const pfn = take(free);
      used.push(pfn);
      yield [
        { op: "ram.alloc", pages: 1 },
        { ok: true, value: { pfn } },
      ];
    }
  }
}
