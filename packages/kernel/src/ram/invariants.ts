import type { Invariant } from "@pagefold/engine";
import type { KernelConfig } from "../config.js";
import type { KernelState } from "../state.js";
import {
  bitmapWord,
  ENTRY_KIND_MASK,
  frameEntryOf,
  NODE_STRIDE,
  ownerNames,
  type RamState,
} from "./state.js";
import { recomputeSummary } from "./summary.js";
import { tableGet, tableShape } from "./table.js";

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

/** Runs `check` only on a well-formed layout. */
function guarded(check: (ram: RamState) => string[]): (state: KernelState) => string[] {
  return (state) =>
    layoutProblems(state).length > 0 ? ["the ram tables are malformed (see ram.layout)"] : check(state.ram);
}

const freeAccounting: Invariant<KernelState> = {
  name: "ram.free-accounting",
  description: "freePages = free frames in the owner table = set bits in the bitmap",
  check: guarded((ram) => {
    let freeEntries = 0;
    for (let p = 0; p < ram.totalPages; p++) if (frameEntryOf(ram, p) === 0) freeEntries++;
    let setBits = 0;
    for (let w = 0; w < ram.words; w++) setBits += popcount(bitmapWord(ram, w));
    if (ram.freePages === freeEntries && freeEntries === setBits) return [];
    return [`freePages ${ram.freePages}, free owner entries ${freeEntries}, free bits ${setBits}`];
  }),
};

const ownersAgree: Invariant<KernelState> = {
  name: "ram.owners-agree",
  description: "a frame is free in the bitmap iff its owner entry is free; owner entries are well formed",
  check: guarded((ram) => {
    const out: string[] = [];
    for (let p = 0; p < ram.words * 32 && out.length < MAX_REPORTED; p++) {
      const bit = (bitmapWord(ram, p >>> 5) >>> (p & 31)) & 1;
      if (p >= ram.totalPages) {
        if (bit !== 0) out.push(`bit of frame ${p} beyond RAM is set`);
        continue;
      }
      const entry = frameEntryOf(ram, p);
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
