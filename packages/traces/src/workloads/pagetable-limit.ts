/**
 * kerneltest/e32test/demandpaging/t_pagetable_limit.cpp (KBASE-T_PAGETABLE_LIMIT, added with the
 * fix in 1a0c8090) as an event stream. 40 global chunks, 0–19 unpaged and 20–39 paged, each with
 * one page committed at every 1 MB (40 page tables per chunk, fine mappings, so the tables are per
 * process). Processes map all 40 chunks until one fails, then up to 10 "accessor" processes map
 * only the paged chunks and keep touching their pages; finally everything is killed and closed.
 * The stream reacts to outcomes as the test's processes do: a table stolen from a process is
 * reallocated on its next touch (GetOrAllocatePageTable).
 */
import { Replayer, type Outcome } from "@pagefold/engine";
import {
  configureKernel,
  kernelMachine,
  type Arch,
  type KernelConfig,
  type KernelEvent,
  type KernelState,
} from "@pagefold/kernel";

export const PAGE_TABLES_PER_CHUNK = 40;
export const CHUNKS_PER_PROCESS = 40;
export const NUM_PROCESSES = 100;
export const PAGED_CHUNKS_START = CHUNKS_PER_PROCESS >> 1;
const ACCESSORS = 10;
/** DPTest::SetCacheSize(min, KMaxTUint): bytes rounded up to pages. */
const KMaxTUintPages = Math.ceil(0xffffffff / 4096);

export interface PagetableLimitOptions {
  /** The revision the processes run on (the stream's reactions follow its outcomes). */
  readonly revision: "2009" | "2010";
  readonly arch?: Arch;
  /** Rounds of touches by the accessor processes (default 1). */
  readonly rounds?: number;
}

export interface MappingFailure {
  readonly process: number;
  readonly chunk: number;
  readonly code: string;
}

export interface PagetableLimitRun {
  readonly config: KernelConfig;
  readonly events: KernelEvent[];
  readonly outcomes: Outcome[];
  /** The final state (the run's private copy). */
  readonly state: KernelState;
  /** The process whose mapping failed first (the test's processLimit). */
  readonly limit?: MappingFailure;
  readonly accessorsMapped: number;
  readonly accessorFailure?: MappingFailure;
  /** Paged tables reallocated on a touch because theirs had been stolen. */
  readonly reallocated: number;
  /** Paged page-table pages stolen at random to allocate a paged table (revision 2010). */
  readonly randomSteals: number;
  /** FreeRam() (free RAM + the cache's free pages) before the processes and after the cleanup. */
  readonly freeRamBefore: number;
  readonly freeRamAfter: number;
}

const pageKey = (chunk: number, mb: number): number => chunk * PAGE_TABLES_PER_CHUNK + mb;

function valueOf<T>(outcome: Outcome): T {
  if (!outcome.ok)
    throw new Error(`t_pagetable_limit setup failed: ${outcome.code} ${outcome.message ?? ""}`);
  return outcome.value as T;
}

/** Runs the test on a fresh 160 MiB machine (KMinFreeRam is 137 MB) and returns its stream. */
export function runPagetableLimit(options: PagetableLimitOptions): PagetableLimitRun {
  const checked = configureKernel({
    arch: options.arch ?? "arm",
    ramPages: 40960,
    revisions: { pagetables: options.revision },
  });
  if (!checked.ok) throw new Error(`${checked.path}: ${checked.message}`);
  const config = checked.value;
  const replayer = new Replayer(kernelMachine, kernelMachine.init(config));
  const events: KernelEvent[] = [];
  const outcomes: Outcome[] = [];
  const tables = new Map<string, number>();
  const owner = new Map<number, string>();
  const lost = new Set<string>();
  let reallocated = 0;
  let randomSteals = 0;
  const apply = (event: KernelEvent): Outcome => {
    const outcome = replayer.apply(event);
    events.push(event);
    outcomes.push(outcome);
    for (const e of outcome.effects ?? []) {
      if (e.kind === "pt-random-steal") randomSteals++;
      const pt = e["pt"] as number | undefined;
      if ((e.kind === "pt-forced-free" || e.kind === "pt-freed") && pt !== undefined && owner.has(pt)) {
        lost.add(owner.get(pt)!);
        tables.delete(owner.get(pt)!);
        owner.delete(pt);
      }
    }
    return outcome;
  };
  const freeRam = (): number => replayer.peek().ram.freePages + replayer.peek().pager.numberOfFreePages;
  const allocate = (slot: string, paged: boolean): string | undefined => {
    const outcome = apply({ op: "pt.alloc", paged });
    if (!outcome.ok) return outcome.code;
    const pt = (outcome.value as { pt: number }).pt;
    tables.set(slot, pt);
    owner.set(pt, slot);
    return undefined;
  };
  /** The client's write to the first page of MB `mb` of `chunk`, through its page table. */
  const touch = (process: number, chunk: number, mb: number): string | undefined => {
    const slot = `${process}/${chunk}/${mb}`;
    if (!tables.has(slot)) {
      if (lost.delete(slot)) reallocated++;
      const code = allocate(slot, true);
      if (code !== undefined) return code;
    }
    const outcome = apply({
      op: "page.access",
      page: pageKey(chunk, mb),
      write: true,
      pt: tables.get(slot)!,
    });
    return outcome.ok ? undefined : outcome.code;
  };
  /** Maps chunks [first, 40) into `process`: unpaged tables at map time, paged ones by touching. */
  const mapChunks = (process: number, first: number): MappingFailure | undefined => {
    for (let chunk = first; chunk < CHUNKS_PER_PROCESS; chunk++) {
      for (let mb = 0; mb < PAGE_TABLES_PER_CHUNK; mb++) {
        const paged = chunk >= PAGED_CHUNKS_START;
        const code = paged ? touch(process, chunk, mb) : allocate(`${process}/${chunk}/${mb}`, false);
        if (code !== undefined) return { process, chunk, code };
      }
    }
    return undefined;
  };

  const sizes = valueOf<{ minPages: number }>(apply({ op: "pager.resize", minPages: 0, maxPages: 0 }));
  apply({ op: "pager.resize", minPages: sizes.minPages, maxPages: KMaxTUintPages });
  const freeRamBefore = freeRam();
  const unpagedFrames: number[] = [];
  for (let i = 0; i < PAGED_CHUNKS_START * PAGE_TABLES_PER_CHUNK; i++)
    unpagedFrames.push(valueOf<{ pfn: number }>(apply({ op: "ram.alloc", pages: 1 })).pfn);

  let limit: MappingFailure | undefined;
  let process = 0;
  for (; process < NUM_PROCESSES && limit === undefined; process++) limit = mapChunks(process, 0);
  let accessorsMapped = 0;
  let accessorFailure: MappingFailure | undefined;
  const accessors: number[] = [];
  for (let i = 0; i < ACCESSORS && process < NUM_PROCESSES && accessorFailure === undefined; i++, process++) {
    accessorFailure = mapChunks(process, PAGED_CHUNKS_START);
    if (accessorFailure === undefined) accessors.push(process);
  }
  accessorsMapped = accessors.length;
  for (let round = 0; round < (options.rounds ?? 1); round++)
    for (const accessor of accessors)
      for (let chunk = PAGED_CHUNKS_START; chunk < CHUNKS_PER_PROCESS; chunk++)
        for (let mb = 0; mb < PAGE_TABLES_PER_CHUNK; mb++) touch(accessor, chunk, mb);

  // Kill every process (its mappings' tables go), close the chunks, restore the cache size.
  for (const pt of [...owner.keys()]) apply({ op: "pt.free", pt });
  for (let chunk = PAGED_CHUNKS_START; chunk < CHUNKS_PER_PROCESS; chunk++)
    for (let mb = 0; mb < PAGE_TABLES_PER_CHUNK; mb++) apply({ op: "page.free", page: pageKey(chunk, mb) });
  for (const pfn of unpagedFrames) apply({ op: "ram.free", pfn, pages: 1 });
  apply({ op: "pt.cleanup" });
  apply({ op: "pager.resize", minPages: sizes.minPages, maxPages: config.pager.maxPages });
  return {
    config,
    events,
    outcomes,
    state: replayer.peek(),
    ...(limit === undefined ? {} : { limit }),
    accessorsMapped,
    ...(accessorFailure === undefined ? {} : { accessorFailure }),
    reallocated,
    randomSteals,
    freeRamBefore,
    freeRamAfter: freeRam(),
  };
}
