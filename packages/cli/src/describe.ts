import type { RamView } from "@pagefold/kernel";
import { count } from "./output.js";

/** Short human lines for a kernel state view (what `seek` and `demo` print). */
export function describeState(view: Record<string, unknown>): string[] {
  const lines: string[] = [
    `clock ${count(view.clock as number)}${view.panic === null ? "" : `, HALTED by panic: ${view.panic as string}`}`,
  ];
  const ram = view.ram as RamView | undefined;
  if (ram !== undefined) lines.push(...describeRam(ram));
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
