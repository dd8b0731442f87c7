/**
 * Seeded workloads of demand paging (`page.*`, `pt.*`, `pager.*`, `tick`): processes touch pages
 * of their regions with locality (a hot set, writes now and then) through paged page tables they
 * allocate on a region's first touch, so pages are paged in, age, are rejuvenated, dirtied,
 * cleaned and stolen; page tables are allocated, freed when a process exits, stolen by the pager
 * and, now and then, by an explicit pt.steal. The generator runs the kernel machine on a private
 * state, so every table an event names is one the process really holds at that point.
 */
import { applyEvent, PagefoldError, type Outcome } from "@pagefold/engine";
import {
  configureKernel,
  kernelMachine,
  type KernelConfig,
  type KernelEvent,
  type KernelState,
} from "@pagefold/kernel";
import { SeededRandom } from "../random.js";

export interface PagingWorkloadOptions {
  readonly seed: number;
  readonly events: number;
  /** Frames of the machine (default 16384). */
  readonly ramPages?: number;
  /** pagetables revision (default "2010"). */
  readonly revision?: "2009" | "2010";
  /** The cache's minimum and maximum pages (default 64 and 256: small, so pages are stolen). */
  readonly minPages?: number;
  readonly maxPages?: number;
}

export interface PagingWorkload {
  readonly config: KernelConfig;
  readonly events: KernelEvent[];
}

const PROCESSES = 8;
const REGIONS = 6; // megabytes a process maps, one page table each
const PAGES_PER_REGION = 16;

/** The whole workload in memory. @example generatePagingWorkload({ seed: 7, events: 50_000 }) */
export function generatePagingWorkload(options: PagingWorkloadOptions): PagingWorkload {
  return { config: pagingWorkloadConfig(options), events: Array.from(pagingWorkload(options)) };
}

/** The same stream, generated lazily; iterating twice yields the same events. */
export function pagingWorkload(options: PagingWorkloadOptions): Iterable<KernelEvent> {
  const config = pagingWorkloadConfig(options);
  return {
    *[Symbol.iterator]() {
      const generator = new PagingGenerator(config, options.seed);
      for (let i = 0; i < options.events; i++) yield generator.next();
    },
  };
}

export function pagingWorkloadConfig(options: PagingWorkloadOptions): KernelConfig {
  if (!Number.isInteger(options.seed)) usage("seed", "must be an integer");
  if (!Number.isSafeInteger(options.events) || options.events < 0) usage("events", "must be an integer ≥ 0");
  const checked = configureKernel({
    ramPages: options.ramPages ?? 16384,
    pager: { minPages: options.minPages ?? 64, maxPages: options.maxPages ?? 256 },
    revisions: { pagetables: options.revision ?? "2010" },
  });
  if (!checked.ok) usage(checked.path, checked.message);
  return checked.value;
}

function usage(field: string, message: string): never {
  throw new PagefoldError("PFOLD_USAGE", `paging workload: ${field} ${message}`, { field });
}

class PagingGenerator {
  private readonly random: SeededRandom;
  private readonly state: KernelState;
  /** tables[process][region]: the paged page table mapping it, or -1. */
  private readonly tables: number[][] = Array.from({ length: PROCESSES }, () =>
    new Array<number>(REGIONS).fill(-1),
  );
  private readonly pinned: number[] = [];
  private readonly unpaged: number[] = [];

  constructor(config: KernelConfig, seed: number) {
    this.random = new SeededRandom(seed);
    this.state = kernelMachine.init(config);
  }

  next(): KernelEvent {
    const r = this.random.next();
    if (r < 0.88) return this.touch();
    if (r < 0.91) return this.cleanSome();
    if (r < 0.925) return this.exitProcess(this.random.int(0, PROCESSES - 1));
    if (r < 0.945) return this.kernelTables();
    if (r < 0.965) return this.pinning();
    if (r < 0.98) return this.stealTablePage();
    if (r < 0.99) return this.apply({ op: "tick" });
    if (r < 0.995) return this.apply({ op: "page.steal" });
    if (r < 0.999) return this.apply({ op: "pt.cleanup" });
    return this.apply({ op: "pager.flush" });
  }

  /** A skewed choice of page: the low processes, regions and pages are hot. */
  private touch(): KernelEvent {
    const process = Math.min(PROCESSES - 1, Math.floor(PROCESSES * this.random.next() ** 2));
    const region = Math.min(REGIONS - 1, Math.floor(REGIONS * this.random.next() ** 2));
    const index = Math.min(PAGES_PER_REGION - 1, Math.floor(PAGES_PER_REGION * this.random.next() ** 1.5));
    if (this.tables[process]![region]! < 0) {
      const event: KernelEvent = { op: "pt.alloc", paged: true };
      const outcome = this.run(event);
      if (outcome.ok) this.tables[process]![region] = (outcome.value as { pt: number }).pt;
      return event;
    }
    const page = (process * REGIONS + region) * PAGES_PER_REGION + index;
    const write = this.random.chance(0.15);
    const event: KernelEvent = {
      op: "page.access",
      page,
      ...(write ? { write } : {}),
      pt: this.tables[process]![region]!,
    };
    const outcome = this.run(event);
    const moved = outcome.ok ? (outcome.value as { pt?: number }).pt : undefined;
    if (moved !== undefined) this.tables[process]![region] = moved; // its table was stolen during the page-in
    return event;
  }

  private cleanSome(): KernelEvent {
    const process = this.random.int(0, PROCESSES - 1);
    const page =
      (process * REGIONS + this.random.int(0, REGIONS - 1)) * PAGES_PER_REGION + this.random.int(0, 3);
    return this.apply(this.random.chance(0.5) ? { op: "page.clean", page } : { op: "page.rejuvenate", page });
  }

  /** A process exits: its first region's pages are decommitted, the rest of its tables freed. */
  private exitProcess(process: number): KernelEvent {
    const held = this.tables[process]!.findIndex((pt) => pt >= 0);
    if (held < 0) return this.touch();
    if (held === 0 && this.random.chance(0.5))
      return this.apply({ op: "page.free", page: process * REGIONS * PAGES_PER_REGION });
    const pt = this.tables[process]![held]!;
    this.tables[process]![held] = -1;
    return this.apply({ op: "pt.free", pt });
  }

  /** Unpaged tables of kernel mappings come and go. */
  private kernelTables(): KernelEvent {
    if (this.unpaged.length > 8 || (this.unpaged.length > 0 && this.random.chance(0.4)))
      return this.apply({
        op: "pt.free",
        pt: this.unpaged.splice(this.random.int(0, this.unpaged.length - 1), 1)[0]!,
      });
    const event: KernelEvent = { op: "pt.alloc", paged: false };
    const outcome = this.run(event);
    if (outcome.ok) this.unpaged.push((outcome.value as { pt: number }).pt);
    return event;
  }

  private pinning(): KernelEvent {
    if (this.pinned.length > 0 && this.random.chance(0.5))
      return this.apply({ op: "page.unpin", page: this.pinned.pop()! });
    const page = this.random.int(0, PAGES_PER_REGION - 1);
    const event: KernelEvent = { op: "page.pin", page };
    if (this.run(event).ok) this.pinned.push(page);
    return event;
  }

  /** The pager steals a page of paged tables (one of the top pages, where they live). */
  private stealTablePage(): KernelEvent {
    return this.apply({
      op: "pt.steal",
      ptPage: this.state.pagetables.upperWaterMark + this.random.int(0, 7),
    });
  }

  /** Applies an event to the private machine and returns it; tables its effects say are gone are forgotten. */
  private apply(event: KernelEvent): KernelEvent {
    this.run(event);
    return event;
  }

  private run(event: KernelEvent): Outcome {
    const outcome = applyEvent(kernelMachine, this.state, event);
    for (const effect of outcome.effects ?? []) {
      if (effect.kind !== "pt-forced-free" && effect.kind !== "pt-freed") continue;
      for (const row of this.tables)
        for (let i = 0; i < REGIONS; i++) if (row[i] === effect["pt"]) row[i] = -1;
    }
    return outcome;
  }
}
