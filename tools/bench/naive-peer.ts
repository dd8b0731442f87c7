/**
 * The naive peer the benchmark compares against: the same ram allocator semantics
 * (lowest-address-first, aligned, contiguous) written the way a Redux reducer would be: one
 * immer `produce` per event over flat arrays, with linear scans. It gives the same outcomes
 * as the kernel model on ram workloads, which the benchmark checks.
 */
import { Immer } from "immer";

export interface NaiveRam {
  readonly owner: readonly number[];
  readonly movable: readonly boolean[];
  readonly freePages: number;
}

export type NaiveEvent =
  | { readonly op: "ram.alloc"; readonly pages: number; readonly align?: number; readonly movable?: boolean }
  | { readonly op: "ram.free"; readonly pfn: number; readonly pages: number }
  | { readonly op: "ram.migrate"; readonly pfn: number }
  | { readonly op: string };

export type NaiveOutcome = { ok: true; value?: unknown } | { ok: false; code: string };

const immer = new Immer({ autoFreeze: false });

export function naiveInit(pages: number): NaiveRam {
  return {
    owner: new Array<number>(pages).fill(0),
    movable: new Array<boolean>(pages).fill(false),
    freePages: pages,
  };
}

export function naiveStep(state: NaiveRam, event: NaiveEvent): [NaiveRam, NaiveOutcome] {
  let outcome: NaiveOutcome = { ok: true };
  const next = immer.produce(state, (draft) => {
    outcome = reduce(draft, event);
  });
  return [next, outcome];
}

function reduce(s: { owner: number[]; movable: boolean[]; freePages: number }, e: NaiveEvent): NaiveOutcome {
  const n = s.owner.length;
  if (e.op === "ram.alloc" && "pages" in e) {
    const step = 2 ** (("align" in e ? e.align : undefined) ?? 0);
    if (e.pages < 1) return { ok: false, code: "KErrArgument" };
    for (let start = 0; start + e.pages <= n; start += step) {
      let fits = true;
      for (let i = start; i < start + e.pages && fits; i++) fits = s.owner[i] === 0;
      if (!fits) continue;
      for (let i = start; i < start + e.pages; i++) {
        s.owner[i] = 1;
        s.movable[i] = "movable" in e && e.movable === true;
      }
      s.freePages -= e.pages;
      return { ok: true, value: { pfn: start } };
    }
    return { ok: false, code: "KErrNoMemory" };
  }
  if (e.op === "ram.free" && "pages" in e && "pfn" in e) {
    for (let i = e.pfn; i < e.pfn + e.pages; i++)
      if (s.owner[i] !== 1) return { ok: false, code: "KErrArgument" };
    for (let i = e.pfn; i < e.pfn + e.pages; i++) s.owner[i] = 0;
    s.freePages += e.pages;
    return { ok: true };
  }
  if (e.op === "ram.migrate" && "pfn" in e) {
    if (s.owner[e.pfn] !== 1) return { ok: false, code: "KErrArgument" };
    if (s.movable[e.pfn] !== true) return { ok: false, code: "KErrNotSupported" };
    const to = s.owner.indexOf(0);
    if (to < 0) return { ok: false, code: "KErrNoMemory" };
    s.owner[to] = 1;
    s.movable[to] = true;
    s.owner[e.pfn] = 0;
    s.movable[e.pfn] = false;
    return { ok: true, value: { from: e.pfn, to } };
  }
  return { ok: true };
}
