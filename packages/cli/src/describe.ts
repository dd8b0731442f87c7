import type { RamView } from "@pagefold/kernel";
import { count } from "./output.js";

/** Short human lines for a kernel state view (what `seek` and `demo` print). */
export function describeState(view: Record<string, unknown>): string[] {
  const lines: string[] = [
    `clock ${count(view.clock as number)}${view.panic === null ? "" : `, HALTED by panic: ${view.panic as string}`}`,
  ];
  const ram = view.ram as RamView | undefined;
  if (ram !== undefined) lines.push(...describeRam(ram));
  lines.push(...describeSubsystems(view));
  return lines;
}

/** The parts of the other subsystems' views a summary names (see each subsystem's view.ts). */
interface SubsystemViews {
  readonly pagetables?: {
    booted: boolean;
    tablesInUse: number;
    lowerWaterMark: number;
    upperWaterMark: number;
  };
  readonly pager?: {
    booted: boolean;
    policy: string;
    young: number;
    old: number;
    oldestClean: number;
    oldestDirty: number;
    minPages: number;
    currentPages: number;
    maxPages: number;
    counters: { hits: number; softFaults: number; hardFaults: number; steals: number };
  };
  readonly addrspace?: { spaces: Record<string, unknown>; frames: number; asidsAllocated: number };
  readonly kmem?: {
    mappedPages: number;
    sleepers: { page: number; va: number };
    counters: { allocs: number };
  };
  readonly l1?: {
    revision: string;
    pmaps: number;
    tables: number;
    sleepers: number;
    largestAlignedFreeRun: number;
  };
}

/** One line per subsystem that has done anything; idle ones stay quiet. */
function describeSubsystems(v: SubsystemViews): string[] {
  const lines: string[] = [];
  const { pagetables: pt, pager, addrspace: as, kmem, l1 } = v;
  if (pt?.booted === true)
    lines.push(
      `pagetables: ${count(pt.tablesInUse)} in use; watermarks lower ${pt.lowerWaterMark}, upper ${pt.upperWaterMark}`,
    );
  if (pager?.booted === true) {
    const c = pager.counters;
    lines.push(
      `pager (${pager.policy}): young ${pager.young}, old ${pager.old}, oldest ${pager.oldestClean} clean + ${pager.oldestDirty} dirty; ` +
        `size ${pager.minPages} ≤ ${pager.currentPages} ≤ ${pager.maxPages}`,
      `pager: ${count(c.hits)} hits, ${count(c.softFaults)} soft faults, ${count(c.hardFaults)} page-ins, ${count(c.steals)} steals`,
    );
  }
  const spaces = as === undefined ? 0 : Object.keys(as.spaces).length;
  if (as !== undefined && (spaces > 0 || as.frames > 0))
    lines.push(
      `addrspace: ${spaces} address spaces, ${count(as.frames)} anonymous frames, ${as.asidsAllocated} ASIDs held`,
    );
  if (kmem !== undefined && kmem.counters.allocs > 0)
    lines.push(
      `kmem: ${count(kmem.mappedPages)} kernel pages mapped; sleepers ${kmem.sleepers.page} for pages, ${kmem.sleepers.va} for VA`,
    );
  if (l1 !== undefined && l1.pmaps + l1.tables + l1.sleepers > 0)
    lines.push(
      `l1 (${l1.revision}): ${l1.pmaps} pmaps, ${l1.tables} L1 tables, ${l1.sleepers} asleep; largest aligned free run ${count(l1.largestAlignedFreeRun)}`,
    );
  return lines;
}

export function describeRam(ram: RamView): string[] {
  const percent = ((ram.freePages / ram.totalPages) * 100).toFixed(1);
  const order = ram.largestFreeOrder;
  return [
    `ram: ${count(ram.freePages)} of ${count(ram.totalPages)} frames free (${percent} %), ${count(ram.allocations)} allocations`,
    `ram: largest free run ${count(ram.largestFreeRun)} frames; largest free aligned block ${order < 0 ? "none" : `order ${order} (${kib(2 ** order)})`}`,
    `ram: free blocks per order ${ram.freeBlocksPerOrder.map((n, o) => `${o}:${n}`).join(" ")}`,
  ];
}

function kib(pages: number): string {
  const k = pages * 4;
  return k >= 1024 ? `${k / 1024} MiB` : `${k} KiB`;
}
