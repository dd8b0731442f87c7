/**
 * Seeded workloads of physical-memory events (`ram.alloc`, `ram.free`, `ram.migrate`, `tick`).
 *
 * The generator runs the kernel machine itself on a private mutable state, so every free names
 * frames that really are allocated at that point and every migration a frame that really is
 * movable: the stream is meaningful, not random noise. Occupancy is steered into a band (below
 * the band allocations dominate, above it frees do), so a stream of any length runs in bounded
 * memory and keeps exercising both success and failure paths.
 */
import { PagefoldError } from "@pagefold/engine";
import {
  configureKernel,
  firstFreeFrame,
  kernelMachine,
  type KernelConfig,
  type KernelEvent,
  type KernelState,
} from "@pagefold/kernel";
import { SeededRandom } from "../random.js";

/**
 * - `steady`: mostly single pages and small blocks at 55–75 % occupancy (a long-running system).
 * - `mixed`: every request shape (runs, aligned blocks, L1-like 4 pages aligned to 4, large runs,
 *   odd alignments, movable blocks), migrations and a few requests the kernel refuses, at 50–80 %.
 * - `fragmenting`: fill with single pages, punch random holes, then ask for aligned blocks and
 *   compact by migration while free pages are plentiful but aligned runs are not (the NetBSD L1
 *   problem, seed 002), drain, repeat.
 */
export type RamProfile = "mixed" | "fragmenting" | "steady";

export interface RamWorkloadOptions {
  readonly seed: number;
  readonly events: number;
  /** Frames of the machine (default 16384). */
  readonly ramPages?: number;
  readonly profile?: RamProfile;
}

export interface RamWorkload {
  readonly config: KernelConfig;
  readonly events: KernelEvent[];
}

/**
 * A whole workload in memory, with the config it was generated for.
 * @example const { config, events } = generateRamWorkload({ seed: 7, events: 10_000, profile: "fragmenting" });
 */
export function generateRamWorkload(options: RamWorkloadOptions): RamWorkload {
  const config = ramWorkloadConfig(options);
  return { config, events: Array.from(ramWorkload(options)) };
}

/**
 * The same stream, generated lazily (10M-event runs never hold the stream); iterating twice
 * yields the same events.
 */
export function ramWorkload(options: RamWorkloadOptions): Iterable<KernelEvent> {
  const config = ramWorkloadConfig(options);
  return { [Symbol.iterator]: () => generate(config, options) };
}

/** The machine config a workload runs on (checks the options). */
export function ramWorkloadConfig(options: RamWorkloadOptions): KernelConfig {
  if (!Number.isInteger(options.seed)) usage("seed", "must be an integer");
  if (!Number.isSafeInteger(options.events) || options.events < 0) usage("events", "must be an integer ≥ 0");
  const profile: unknown = options.profile ?? "mixed";
  if (profile !== "mixed" && profile !== "fragmenting" && profile !== "steady") {
    usage("profile", 'must be one of "mixed", "fragmenting", "steady"');
  }
  const checked = configureKernel(options.ramPages === undefined ? {} : { ramPages: options.ramPages });
  if (!checked.ok) usage(checked.path, checked.message);
  return checked.value;
}

function usage(field: string, message: string): never {
  throw new PagefoldError("PFOLD_USAGE", `ram workload: ${field} ${message}`, { field });
}

function* generate(config: KernelConfig, options: RamWorkloadOptions): Generator<KernelEvent> {
  const workload = new RamWorkloadGenerator(config, options.seed, options.profile ?? "mixed");
  for (let i = 0; i < options.events; i++) yield workload.next();
}

/** A block the workload holds: frames [pfn, pfn + pages) owned by ram allocations. */
interface Extent {
  pfn: number;
  pages: number;
  movable: boolean;
}

type FragmentingPhase = "fill" | "punch" | "squeeze" | "drain";

class RamWorkloadGenerator {
  private readonly random: SeededRandom;
  private readonly state: KernelState;
  private readonly live: Extent[] = [];
  private readonly total: number;
  private phase: FragmentingPhase = "fill";
  private phaseEvents = 0;

  constructor(
    config: KernelConfig,
    seed: number,
    private readonly profile: RamProfile,
  ) {
    this.random = new SeededRandom(seed);
    this.state = kernelMachine.init(config);
    this.total = config.ramPages;
  }

  next(): KernelEvent {
    switch (this.profile) {
      case "steady":
        return this.steady();
      case "mixed":
        return this.mixed();
      case "fragmenting":
        return this.fragmenting();
    }
  }

  private occupancy(): number {
    return 1 - this.state.ram.freePages / this.total;
  }

  /** Allocation is likelier below the band and freeing above it. */
  private wantsAlloc(low: number, high: number): boolean {
    const occupancy = this.occupancy();
    const p = occupancy < low ? 0.8 : occupancy > high ? 0.2 : 0.5;
    return this.live.length === 0 || this.random.chance(p);
  }

  private steady(): KernelEvent {
    const r = this.random;
    if (r.chance(0.01)) return this.tick();
    if (r.chance(0.02)) {
      const migrate = this.migrateSome();
      if (migrate !== undefined) return migrate;
    }
    if (!this.wantsAlloc(0.55, 0.75)) return this.freeSome(false);
    const shape = r.next();
    if (shape < 0.75) return this.alloc(1, 0, r.chance(0.3));
    if (shape < 0.9) return this.alloc(r.int(2, 8), 0, false);
    return this.alloc(4, 2, false);
  }

  private mixed(): KernelEvent {
    const r = this.random;
    if (r.chance(0.01)) return this.tick();
    if (r.chance(0.005)) return this.refused();
    if (r.chance(0.03)) {
      const migrate = this.migrateSome();
      if (migrate !== undefined) return migrate;
    }
    if (!this.wantsAlloc(0.5, 0.8)) return this.freeSome(r.chance(0.1));
    const movable = r.chance(0.25);
    const shape = r.next();
    if (shape < 0.5) return this.alloc(1, 0, movable);
    if (shape < 0.7) return this.alloc(r.int(2, 16), 0, movable);
    if (shape < 0.8) {
      const order = r.int(1, 6);
      return this.alloc(2 ** order, order, movable);
    }
    if (shape < 0.88) return this.alloc(4, 2, false);
    if (shape < 0.95) return this.alloc(r.int(1, 12), r.int(1, 5), movable);
    return this.alloc(r.int(32, 256), r.chance(0.5) ? r.int(5, 8) : 0, movable);
  }

  /** fill → punch → squeeze → drain → fill ... (see RamProfile). */
  private fragmenting(): KernelEvent {
    const r = this.random;
    const occupancy = this.occupancy();
    this.phaseEvents++;
    switch (this.phase) {
      case "fill":
        if (occupancy >= 0.8) this.enter("punch");
        if (r.chance(0.9)) return this.alloc(1, 0, r.chance(0.6));
        return this.alloc(r.int(2, 4), 0, false);
      case "punch":
        if (occupancy <= 0.55) this.enter("squeeze");
        return this.freeSome(false, true);
      case "squeeze": {
        if (this.phaseEvents > Math.max(64, this.total / 16)) this.enter("drain");
        if (occupancy > 0.85) return this.freeSome(false);
        if (r.chance(0.5)) {
          const migrate = this.migrateSome();
          if (migrate !== undefined) return migrate;
        }
        if (r.chance(0.05)) return this.tick();
        const order = [2, 2, 2, 3, 4, 5, 6][r.int(0, 6)]!;
        return this.alloc(2 ** order, order, false);
      }
      case "drain":
        if (occupancy <= 0.4) this.enter("fill");
        return this.freeSome(false);
    }
  }

  private enter(phase: FragmentingPhase): void {
    this.phase = phase;
    this.phaseEvents = 0;
  }

  private tick(): KernelEvent {
    return this.run({ op: "tick", n: this.random.int(1, 4) });
  }

  private alloc(pages: number, align: number, movable: boolean): KernelEvent {
    const event: KernelEvent =
      align === 0
        ? movable
          ? { op: "ram.alloc", pages, movable }
          : { op: "ram.alloc", pages }
        : movable
          ? { op: "ram.alloc", pages, align, movable }
          : { op: "ram.alloc", pages, align };
    const outcome = kernelMachine.reduce(this.state, event);
    if (outcome.ok) this.live.push({ pfn: (outcome.value as { pfn: number }).pfn, pages, movable });
    return event;
  }

  /**
   * Frees a random live extent, or its tail when `partial`; `singles` prefers one-page extents
   * (punching holes). With nothing live it allocates instead.
   */
  private freeSome(partial: boolean, singles = false): KernelEvent {
    if (this.live.length === 0) return this.alloc(1, 0, false);
    let i = this.random.int(0, this.live.length - 1);
    if (singles) {
      for (let tries = 0; tries < 4 && this.live[i]!.pages > 1; tries++)
        i = this.random.int(0, this.live.length - 1);
    }
    const extent = this.live[i]!;
    if (partial && extent.pages > 1) {
      const tail = this.random.int(1, extent.pages - 1);
      extent.pages -= tail;
      return this.expectOk({ op: "ram.free", pfn: extent.pfn + extent.pages, pages: tail });
    }
    this.removeLive(i);
    return this.expectOk({ op: "ram.free", pfn: extent.pfn, pages: extent.pages });
  }

  /** Migrates one frame of a random movable extent; undefined when none was found quickly. */
  private migrateSome(): KernelEvent | undefined {
    for (let tries = 0; tries < 4 && this.live.length > 0; tries++) {
      const i = this.random.int(0, this.live.length - 1);
      const extent = this.live[i]!;
      if (!extent.movable) continue;
      const frame = extent.pfn + this.random.int(0, extent.pages - 1);
      const event: KernelEvent = { op: "ram.migrate", pfn: frame };
      const outcome = kernelMachine.reduce(this.state, event);
      if (outcome.ok) {
        const to = (outcome.value as { to: number }).to;
        this.removeLive(i);
        if (frame > extent.pfn) this.live.push({ pfn: extent.pfn, pages: frame - extent.pfn, movable: true });
        const after = extent.pfn + extent.pages - frame - 1;
        if (after > 0) this.live.push({ pfn: frame + 1, pages: after, movable: true });
        this.live.push({ pfn: to, pages: 1, movable: true });
      }
      return event;
    }
    return undefined;
  }

  /**
   * A request the kernel must refuse: a zero-page allocation, moving an unmovable frame, a double
   * free, a free past the end of RAM.
   */
  private refused(): KernelEvent {
    const choice = this.random.int(0, 3);
    if (choice === 0) return this.expectRefused({ op: "ram.alloc", pages: 0 });
    if (choice === 3 && this.live.length > 0) {
      const extent = this.live[this.random.int(0, this.live.length - 1)]!;
      if (!extent.movable) return this.expectRefused({ op: "ram.migrate", pfn: extent.pfn });
    }
    const free = firstFreeFrame(this.state.ram, this.random.int(0, this.total - 1));
    if (choice === 1 && free >= 0) return this.expectRefused({ op: "ram.free", pfn: free, pages: 1 });
    return this.expectRefused({ op: "ram.free", pfn: this.total - 1, pages: 2 });
  }

  private removeLive(i: number): void {
    const last = this.live.pop()!;
    if (i < this.live.length) this.live[i] = last;
  }

  private run(event: KernelEvent): KernelEvent {
    kernelMachine.reduce(this.state, event);
    return event;
  }

  private expectOk(event: KernelEvent): KernelEvent {
    const outcome = kernelMachine.reduce(this.state, event);
    if (!outcome.ok)
      throw new Error(`ram workload lost track of its blocks: ${outcome.code} on ${JSON.stringify(event)}`);
    return event;
  }

  private expectRefused(event: KernelEvent): KernelEvent {
    const outcome = kernelMachine.reduce(this.state, event);
    if (outcome.ok) throw new Error(`ram workload expected a refusal for ${JSON.stringify(event)}`);
    return event;
  }
}
