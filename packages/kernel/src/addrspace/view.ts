/** The address spaces as diffs, predicates and `seek` show them. */
import type { KernelState } from "../state.js";
import { hex } from "./addr.js";
import { leafEntries } from "./btree/search.js";
import { AS_AREA_DEVICE, AS_AREA_EXEC, AS_AREA_READ, AS_AREA_WRITE } from "./constants.js";
import { sparseEach, sparseGet, sparseSize } from "../sparse-table.js";
import type { Area } from "./state.js";

export interface AreaView {
  readonly pages: number;
  /** "rwxd" with "-" for a missing flag. */
  readonly flags: string;
  readonly backend: string;
  /** Share id, 0 when not shared. */
  readonly share: number;
  /** Used-space intervals as "0x00400000+3" (first page + page count). */
  readonly used: readonly string[];
  readonly freed?: true;
}

export interface SpaceView {
  readonly asid: number;
  readonly cpuRefcount: number;
  readonly mappings: number;
  readonly areas: Readonly<Record<string, AreaView>>;
  /**
   * Area records of this address space its tree does not list: freed areas a stale B+tree slot
   * still reaches, and areas a wrong-tree removal unlinked (revision 2006 only).
   */
  readonly unlinked?: Readonly<Record<string, AreaView>>;
  readonly hung?: string;
}

export interface AddrspaceView {
  readonly kernelAs: number;
  readonly cpus: readonly number[];
  readonly asidsAllocated: number;
  readonly freeAsids: readonly number[];
  readonly inactive: ReadonlyArray<{ as: number; asid: number }>;
  /** Frames the address spaces hold (with a reference count). */
  readonly frames: number;
  /** Reference counts other than 1, by ram pfn (shared frames). */
  readonly frameRefs: Readonly<Record<string, number>>;
  readonly spaces: Readonly<Record<string, SpaceView>>;
  readonly shares: Readonly<Record<string, { refcount: number; pages: number }>>;
}

function areaView(area: Area): AreaView {
  const f = area.flags;
  const flags =
    (f & AS_AREA_READ ? "r" : "-") +
    (f & AS_AREA_WRITE ? "w" : "-") +
    (f & AS_AREA_EXEC ? "x" : "-") +
    (f & AS_AREA_DEVICE ? "d" : "-");
  const used = leafEntries(area.usedSpace).map(([page, count]) => `${hex(page)}+${count}`);
  const view = { pages: area.pages, flags, backend: area.backend, share: area.share, used };
  return area.freed ? { ...view, freed: true } : view;
}

export function addrspaceView(state: KernelState): AddrspaceView {
  const s = state.addrspace;
  const spaces: Record<string, SpaceView> = {};
  const listed = new Set<number>();
  sparseEach(s.spaces, (id, as) => {
    const areas: Record<string, AreaView> = {};
    for (const [base, areaId] of leafEntries(as.areas)) {
      const area = sparseGet(s.areas, areaId);
      listed.add(areaId);
      if (area !== undefined) areas[hex(base)] = areaView(area);
    }
    const view = { asid: as.asid, cpuRefcount: as.cpuRefcount, mappings: sparseSize(as.ptes), areas };
    spaces[String(id)] = as.hung === "" ? view : { ...view, hung: as.hung };
  });
  sparseEach(s.areas, (id, area) => {
    const space = spaces[String(area.as)];
    if (listed.has(id) || space === undefined) return;
    spaces[String(area.as)] = { ...space, unlinked: { ...space.unlinked, [hex(area.base)]: areaView(area) } };
  });
  const shares: Record<string, { refcount: number; pages: number }> = {};
  sparseEach(s.shares, (id, share) => {
    if (share.refcount > 0)
      shares[String(id)] = { refcount: share.refcount, pages: leafEntries(share.pagemap).length };
  });
  const frameRefs: Record<string, number> = {};
  sparseEach(s.frameRefs, (pfn, refs) => {
    if (refs !== 1) frameRefs[String(pfn)] = refs;
  });
  return {
    kernelAs: s.kernelAs,
    cpus: [...s.cpus],
    asidsAllocated: s.asidsAllocated,
    freeAsids: [...s.freeAsids],
    inactive: s.inactive.map((e) => ({ ...e })),
    frames: sparseSize(s.frameRefs),
    frameRefs,
    spaces,
    shares,
  };
}
