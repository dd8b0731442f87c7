import type { Invariant } from "@pagefold/engine";
import type { KernelConfig } from "../config.js";
import type { KernelState } from "../state.js";
import { bitmapWord, ENTRY_KIND_MASK, NODE_STRIDE, OwnerKind, ownerNames, type RamState } from "./state.js";
import { recomputeSummary } from "./summary.js";
import { forEachLeaf, tableGet, tableShape } from "./table.js";

/** Reports at most this many offending frames or nodes per invariant. */
const MAX_REPORTED = 5;
const FIELDS = ["pre", "suf", "best", "ord"] as const;

/**
 * The tables' shapes and sizes, checked first: the other invariants read the tables freely and
 * only run on a well-formed layout (snapshots and recordings are untrusted input).
 */
function layoutProblems(state: KernelState): string[] {
  const ram = state.ram as RamState | undefined;
  if (typeof ram !== "object" || ram === null) return ["the ram slice is missing"];
  const out: string[] = [];
  const { totalPages, words, leaves, freePages, allocations } = ram;
  const ramPages = (state.config as KernelConfig | undefined)?.ramPages;
  if (totalPages !== ramPages) out.push(`totalPages ${totalPages} ≠ config.ramPages ${ramPages}`);
  if (words !== Math.ceil(totalPages / 32)) out.push(`words ${words} ≠ ceil(totalPages / 32)`);
  if (!(leaves >= words && leaves > 0 && (leaves & (leaves - 1)) === 0 && leaves < 2 * Math.max(words, 1))) {
    out.push(`leaves ${leaves} is not the power of two covering ${words} words`);
  }
  if (!Number.isInteger(freePages) || freePages < 0 || freePages > totalPages)
    out.push(`freePages ${freePages} out of range`);
  if (!Number.isInteger(allocations) || allocations < 0) out.push(`allocations ${allocations} out of range`);
  if (!Array.isArray(ram.ownedFrames) || ram.ownedFrames.length !== ownerNames.length)
    out.push(`ownedFrames is not one count per owner kind`);
  else if (!ram.ownedFrames.every((n) => Number.isInteger(n) && n >= 0))
    out.push(`ownedFrames holds a count that is not an integer ≥ 0`);
  const sizes: [string, unknown, number][] = [
    ["bitmap", ram.bitmap, words],
    ["summary", ram.summary, 2 * leaves * NODE_STRIDE],
    ["frames", ram.frames, totalPages],
  ];
  for (const [name, table, size] of sizes) {
    const shape = tableShape(table);
    if (typeof shape === "string") out.push(`${name}: ${shape}`);
    else if (shape !== size) out.push(`${name} holds ${shape} entries, expected ${size}`);
  }
  return out;
}

const layout: Invariant<KernelState> = {
  name: "ram.layout",
  description: "ram tables are trees of ≤ 64-entry arrays sized for config.ramPages; counters in range",
  check: layoutProblems,
};

/**
 * The layout verdict of the last ram slice checked, by identity of the slice and its tables.
 * Reducers write numbers into fixed-size tables and never reshape them, so a slice keeps its
 * verdict until a table is replaced (immer replaces every array on a written path; a restored
 * snapshot is a new slice): the guarded invariants below pay for the layout walk once.
 */
const layoutVerdicts = new WeakMap<object, { tables: readonly unknown[]; wellFormed: boolean }>();

function wellFormed(state: KernelState): boolean {
  const ram = state.ram as RamState | undefined;
  if (typeof ram !== "object" || ram === null) return false;
  const tables = [ram.bitmap, ram.summary, ram.frames, ram.ownedFrames, state.config];
  const known = layoutVerdicts.get(ram);
  if (known !== undefined && known.tables.every((t, i) => t === tables[i])) return known.wellFormed;
  const verdict = layoutProblems(state).length === 0;
  layoutVerdicts.set(ram, { tables, wellFormed: verdict });
  return verdict;
}

/** Runs `check` only on a well-formed layout. */
function guarded(check: (ram: RamState) => string[]): (state: KernelState) => string[] {
  return (state) =>
    wellFormed(state) ? check(state.ram) : ["the ram tables are malformed (see ram.layout)"];
}

const freeAccounting: Invariant<KernelState> = {
  name: "ram.free-accounting",
  description:
    "freePages = free frames in the owner table = set bits in the bitmap; frames per owner counted right",
  check: guarded((ram) => {
    const census = ownerNames.map(() => 0);
    forEachLeaf(ram.frames, ram.totalPages, (leaf) => {
      for (let i = 0; i < leaf.length; i++) census[leaf[i]! & ENTRY_KIND_MASK]!++;
    });
    let setBits = 0;
    forEachLeaf(ram.bitmap, ram.words, (leaf) => {
      for (let i = 0; i < leaf.length; i++) setBits += popcount(leaf[i]!);
    });
    const out: string[] = [];
    const freeEntries = census[OwnerKind.Free]!;
    if (ram.freePages !== freeEntries || freeEntries !== setBits)
      out.push(`freePages ${ram.freePages}, free owner entries ${freeEntries}, free bits ${setBits}`);
    census.forEach((n, kind) => {
      if (ram.ownedFrames[kind] !== n)
        out.push(`ownedFrames says ${ownerNames[kind]} has ${ram.ownedFrames[kind]} frames, the table ${n}`);
    });
    return out;
  }),
};

const ownersAgree: Invariant<KernelState> = {
  name: "ram.owners-agree",
  description: "a frame is free in the bitmap iff its owner entry is free; owner entries are well formed",
  check: guarded((ram) => {
    const out: string[] = [];
    forEachLeaf(ram.frames, ram.totalPages, (leaf, first) => {
      const low = bitmapWord(ram, first >>> 5);
      const high = leaf.length > 32 ? bitmapWord(ram, (first >>> 5) + 1) : 0;
      for (let i = 0; i < leaf.length && out.length < MAX_REPORTED; i++) {
        const p = first + i;
        const bit = ((i < 32 ? low : high) >>> (i & 31)) & 1;
        const entry = leaf[i]!;
        const kind = entry & ENTRY_KIND_MASK;
        if (
          !Number.isSafeInteger(entry) ||
          entry < 0 ||
          kind >= ownerNames.length ||
          (kind === 0 && entry !== 0)
        ) {
          out.push(`frame ${p} has a malformed owner entry ${entry}`);
        } else if (bit === 1 && entry !== 0) {
          out.push(`frame ${p} is free in the bitmap but owned by ${ownerNames[kind]}`);
        } else if (bit === 0 && entry === 0) {
          out.push(`frame ${p} is used in the bitmap but has no owner`);
        }
      }
    });
    for (let p = ram.totalPages; p < ram.words * 32 && out.length < MAX_REPORTED; p++) {
      if (((bitmapWord(ram, p >>> 5) >>> (p & 31)) & 1) !== 0)
        out.push(`bit of frame ${p} beyond RAM is set`);
    }
    return out;
  }),
};

const summaryConsistent: Invariant<KernelState> = {
  name: "ram.summary-tree",
  description:
    "every summary node (free prefix, suffix, longest run, largest aligned order) matches the bitmap",
  check: guarded((ram) => {
    const expected = recomputeSummary(ram);
    const out: string[] = [];
    for (let i = NODE_STRIDE; i < expected.length && out.length < MAX_REPORTED; i++) {
      const actual = tableGet(ram.summary, i);
      if (actual !== expected[i]) {
        const node = Math.floor(i / NODE_STRIDE);
        out.push(`node ${node} ${FIELDS[i % NODE_STRIDE]} is ${actual}, the bitmap says ${expected[i]}`);
      }
    }
    return out;
  }),
};

export const ramInvariants: readonly Invariant<KernelState>[] = [
  layout,
  freeAccounting,
  ownersAgree,
  summaryConsistent,
];

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
