import type { KernelState } from "../state.js";
import { geometry } from "./geometry.js";
import { sparseForEach, sparseGet } from "./sparse.js";
import type { SubAllocator } from "./state.js";

export interface SubAllocatorView {
  /** Unused tables on both lists (iFreeCount). */
  readonly freeTables: number;
  /** Whole pages of unused tables waiting for Cleanup. */
  readonly cleanupPages: number;
  readonly ptPages: number;
}

/** The page-table allocator as diffs, predicates and `seek` show it. */
export interface PageTablesView {
  readonly booted: boolean;
  readonly tablesInUse: number;
  readonly unpaged: SubAllocatorView;
  readonly paged: SubAllocatorView;
  readonly lowerWaterMark: number;
  readonly upperWaterMark: number;
  readonly pinnedPtPages: number;
  readonly infoPages: number;
  readonly cleanupQueued: boolean;
  /** Committed pages of tables by index: frame, pagedness and tables in use (computed on first read). */
  readonly pages: Readonly<Record<string, { pfn: number; paged: boolean; used: number }>>;
}

export function pagetablesView(state: KernelState): PageTablesView {
  const pts = state.pagetables;
  let paged = 0;
  let infoPages = 0;
  sparseForEach(pts.ptPages, (ptPage) => {
    if (sparseGet(pts.infos, ptPage * geometry(state).clusterSize)?.paged === true) paged++;
  });
  sparseForEach(pts.infoPages, () => infoPages++);
  const sub = (s: SubAllocator, pages: number): SubAllocatorView => ({
    freeTables: s.freeCount,
    cleanupPages: s.cleanupPages,
    ptPages: pages,
  });
  const view = {
    booted: pts.booted,
    tablesInUse: pts.inUse,
    unpaged: sub(pts.unpaged, pts.ptPages.size - paged),
    paged: sub(pts.paged, paged),
    lowerWaterMark: pts.lowerWaterMark,
    upperWaterMark: pts.upperWaterMark,
    pinnedPtPages: pts.pinnedPtPages,
    infoPages,
    cleanupQueued: pts.cleanupQueued,
  } as PageTablesView;
  let pages: PageTablesView["pages"] | undefined;
  Object.defineProperty(view, "pages", {
    enumerable: true,
    get: () => (pages ??= committedPages(state)),
  });
  return view;
}

function committedPages(state: KernelState): PageTablesView["pages"] {
  const pts = state.pagetables;
  const cluster = geometry(state).clusterSize;
  const out: Record<string, { pfn: number; paged: boolean; used: number }> = {};
  sparseForEach(pts.ptPages, (ptPage, pfn) => {
    let used = 0;
    for (let pt = ptPage * cluster; pt < (ptPage + 1) * cluster; pt++)
      if (sparseGet(pts.infos, pt)?.used === true) used++;
    out[String(ptPage)] = { pfn, paged: sparseGet(pts.infos, ptPage * cluster)?.paged === true, used };
  });
  return out;
}
