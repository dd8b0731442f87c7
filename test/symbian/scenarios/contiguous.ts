/**
 * e32test/mmu/t_demandpaging.cpp TestContiguousRamAlloc's table: (size in half pages, align), where
 * a non-zero align becomes align + pageShift - 1 (log2 bytes), as d_demandpaging.cpp
 * DoConsumeContiguousRamTest passes them to Epoc::AllocPhysicalRam(size, addr, align).
 */
export const CONTIGUOUS_RAM_ALLOC_ROWS: readonly (readonly [halfPages: number, align: number])[] = [
  [64, 5],
  [64, 0],
  [32, 4],
  [32, 3],
  [32, 2],
  [32, 1],
  [32, 0],
  [4, 2],
  [4, 1],
  [4, 0],
  [2, 2],
  [2, 1],
  [2, 0],
  [1, 0],
];

/** A row as a `ram.alloc`: whole 4 KiB pages, and the alignment as log2 pages (and log2 bytes). */
export function contiguousRequest(
  halfPages: number,
  align: number,
): { pages: number; align: number; alignBytesLog2: number } {
  const alignBytesLog2 = align === 0 ? 0 : align + 11;
  return {
    pages: Math.ceil((halfPages << 11) / 4096),
    align: Math.max(0, alignBytesLog2 - 12),
    alignBytesLog2,
  };
}
