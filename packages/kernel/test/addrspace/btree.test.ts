/** The B+tree port (btree.c, BTREE_M = 5) as an ordered map, its shape rules and its stale root. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { btreeInsert } from "../../src/addrspace/btree/insert.js";
import {
  BTREE_MAX_KEYS,
  btreeCreate,
  FILL_FACTOR,
  node,
  type Btree,
} from "../../src/addrspace/btree/node.js";
import { btreeRemove } from "../../src/addrspace/btree/remove.js";
import { btreeSearch, leafEntries } from "../../src/addrspace/btree/search.js";
import { KernelPanic } from "../../src/addrspace/panic.js";

/** Node sizes, key order and ranges, parent links, equal depths and the leaf list, as problems found. */
function shapeProblems(t: Btree): string[] {
  const out: string[] = [];
  const leaves: number[] = [];
  const walk = (id: number, parent: number, depth: number, lo: number, hi: number): number => {
    const n = node(t, id);
    if (n.parent !== parent) out.push(`node ${id} has parent ${n.parent}, expected ${parent}`);
    if (n.keys > BTREE_MAX_KEYS) out.push(`node ${id} holds ${n.keys} keys`);
    if (parent !== 0 && n.keys < 1) out.push(`non-root node ${id} is empty`);
    for (let i = 0; i < n.keys; i++) {
      const k = n.key[i]!;
      if (k < lo || k >= hi) out.push(`key ${k} of node ${id} is outside [${lo}, ${hi})`);
      if (i > 0 && k <= n.key[i - 1]!) out.push(`node ${id} keys are not ascending`);
    }
    if (n.subtree[0] === 0) {
      leaves.push(id);
      return depth;
    }
    const depths = new Set<number>();
    for (let i = 0; i <= n.keys; i++) {
      const sublo = i === 0 ? lo : n.key[i - 1]!;
      const subhi = i === n.keys ? hi : n.key[i]!;
      depths.add(walk(n.subtree[i]!, id, depth + 1, sublo, subhi));
    }
    if (depths.size !== 1) out.push(`subtrees of node ${id} differ in depth`);
    return [...depths][0]!;
  };
  walk(t.root, 0, 0, -Infinity, Infinity);
  const listed: number[] = [];
  for (let id = t.first, prev = 0; id !== 0; prev = id, id = node(t, id).next) {
    if (node(t, id).prev !== prev) out.push(`leaf ${id} links back to ${node(t, id).prev}`);
    listed.push(id);
  }
  if (listed.join() !== leaves.join())
    out.push(`leaf list ${listed.join()} is not the leaves in order ${leaves.join()}`);
  if (t.last !== listed[listed.length - 1]) out.push(`the list's last leaf is ${t.last}`);
  return out;
}

describe("B+tree", () => {
  it("behaves as an ordered map with a well-formed shape under any inserts and removes", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 120 })), { maxLength: 400, size: "max" }),
        (ops) => {
          const t = btreeCreate();
          const reference = new Map<number, number>();
          for (const [insert, key] of ops) {
            const present = reference.has(key);
            if (insert && !present) {
              btreeInsert(t, key, key + 1, 0, true);
              reference.set(key, key + 1);
            } else if (!insert && present) {
              btreeRemove(t, key, 0, true);
              reference.delete(key);
            } else {
              expect(() => (insert ? btreeInsert(t, key, 1, 0, true) : btreeRemove(t, key, 0, true))).toThrow(
                KernelPanic,
              );
            }
            expect(btreeSearch(t, key, true).value).toBe(reference.get(key) ?? 0);
          }
          expect(leafEntries(t)).toEqual([...reference].sort((a, b) => a[0] - b[0]));
          expect(shapeProblems(t)).toEqual([]);
          for (let id = t.first; id !== 0 && id !== t.root; id = node(t, id).next) {
            expect(node(t, id).keys).toBeGreaterThanOrEqual(FILL_FACTOR);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("panics on a duplicate key and on removing a missing one, as btree_insert/btree_remove do", () => {
    const t = btreeCreate();
    btreeInsert(t, 5, 1, 0, false);
    expect(() => btreeInsert(t, 5, 1, 0, false)).toThrow("B-tree already contains key 5");
    expect(() => btreeRemove(t, 6, 0, false)).toThrow("B-tree does not contain key 6");
    expect(() => btreeInsert(t, 7, 0, 0, false)).toThrow("assertion failed (value)");
  });

  it("finds the last removed key in an emptied root unless the 2010 fix (8b3bff5d1a) is on", () => {
    const t = btreeCreate();
    btreeInsert(t, 0x4000, 9, 0, false);
    btreeRemove(t, 0x4000, 0, false);
    expect(leafEntries(t)).toEqual([]);
    expect(btreeSearch(t, 0x4000, false).value).toBe(9);
    expect(btreeSearch(t, 0x4000, true).value).toBe(0);
    expect(btreeSearch(t, 0x5000, false).value).toBe(0);
    // Removing it "again" finds it, then the node does not contain it.
    expect(() => btreeRemove(t, 0x4000, 0, false)).toThrow("node does not contain key 16384");
  });
});
