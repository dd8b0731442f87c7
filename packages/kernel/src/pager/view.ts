import type { KernelState } from "../state.js";
import { sparseGet } from "../pagetables/sparse.js";
import { NIL } from "../pagetables/state.js";
import { frameLabel } from "./lists.js";
import { liveListInfo } from "./resize.js";
import type { LiveList, PagerCounters } from "./state.js";

/** The paging cache as diffs, predicates and `seek` show it. */
export interface PagerView {
  readonly booted: boolean;
  readonly policy: string;
  readonly young: number;
  readonly old: number;
  readonly oldestClean: number;
  readonly oldestDirty: number;
  /** HAL EVMHalGetCacheSize in pages: current = min + free. */
  readonly minPages: number;
  readonly maxPages: number;
  readonly currentPages: number;
  readonly freePages: number;
  readonly dirtyPages: number;
  readonly framesOwned: number;
  readonly residentPages: number;
  readonly pinnedPages: number;
  readonly counters: PagerCounters;
  /** Each list from youngest to oldest, as `{pfn, page|ptPage|infoPage}` (computed on first read). */
  readonly lists: Readonly<Record<string, readonly Record<string, number>[]>>;
}

export function pagerView(state: KernelState): PagerView {
  const p = state.pager;
  const info = liveListInfo(p);
  const view = {
    booted: p.booted,
    policy: state.config.pager.policy,
    young: p.young.count,
    old: p.old.count,
    oldestClean: p.oldestClean.count,
    oldestDirty: p.oldestDirty.count,
    minPages: info.minPages,
    maxPages: info.maxPages,
    currentPages: info.currentPages,
    freePages: info.maxFreePages,
    dirtyPages: p.numberOfDirtyPages,
    framesOwned: p.frames.size,
    residentPages: p.pages.size,
    pinnedPages: p.pins.size,
    counters: { ...p.counters },
  } as PagerView;
  let lists: PagerView["lists"] | undefined;
  Object.defineProperty(view, "lists", {
    enumerable: true,
    get: () =>
      (lists ??= {
        young: walk(state, p.young),
        old: walk(state, p.old),
        oldestClean: walk(state, p.oldestClean),
        oldestDirty: walk(state, p.oldestDirty),
      }),
  });
  return view;
}

function walk(state: KernelState, list: LiveList): Record<string, number>[] {
  const out: Record<string, number>[] = [];
  for (let pfn = list.head; pfn !== NIL && out.length < list.count;) {
    const frame = sparseGet(state.pager.frames, pfn);
    if (frame === undefined) break;
    out.push(frameLabel(frame, pfn));
    pfn = frame.next;
  }
  return out;
}
