import type { Arch } from "../config.js";
import type { KernelState } from "../state.js";

/**
 * The page-table constants of mmboot.h / mptalloc.h (KERNEL-SOURCES.md §1.2) for one architecture.
 * A page table index `pt` lives in page-table page `pt / clusterSize`, whose SPageTableInfo page
 * (its "group") is `ptPage / groupSize`.
 */
export interface PtGeometry {
  /** KPtClusterSize: page tables per RAM page (ARM 4 tables of 1 KiB, x86 1 of 4 KiB). */
  readonly clusterSize: number;
  /** KPageTableGroupSize: page-table pages whose infos share one page of SPageTableInfos. */
  readonly groupSize: number;
  /** KMaxPageTablePages = (KPageTableEnd - KPageTableBase) / KPageSize. */
  readonly maxPtPages: number;
  /** KPageTableInfosPerPage = KPageSize / sizeof(SPageTableInfo). */
  readonly infosPerPage: number;
  /** KMinUnpinnedPagedPtPages = KMaxCpus. */
  readonly minUnpinnedPagedPtPages: number;
  /** KNumPagesToPinOnePageTable: the PT page and its info page. */
  readonly pagesToPinOnePageTable: number;
}

const arm: PtGeometry = Object.freeze({
  clusterSize: 4,
  groupSize: 64,
  maxPtPages: 32512,
  infosPerPage: 256,
  minUnpinnedPagedPtPages: 8,
  pagesToPinOnePageTable: 2,
});

const x86: PtGeometry = Object.freeze({
  clusterSize: 1,
  groupSize: 256,
  maxPtPages: 27648,
  infosPerPage: 256,
  minUnpinnedPagedPtPages: 8,
  pagesToPinOnePageTable: 2,
});

export function geometryOf(arch: Arch): PtGeometry {
  return arch === "x86" ? x86 : arm;
}

export function geometry(state: KernelState): PtGeometry {
  return state.config.arch === "x86" ? x86 : arm;
}

/** Whether the machine follows mptalloc.cpp as of 1a0c8090 (201001): random stealing, pin limit. */
export function is2010(state: KernelState): boolean {
  return state.config.revisions.pagetables === "2010";
}
