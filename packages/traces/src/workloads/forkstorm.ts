/**
 * A seeded fork storm on an ARM kernel (seeds 002, 003, 004 together): processes fork and exit
 * while memory stays nearly full. A fork is pmap.create (an L1: 16 KiB, contiguous, aligned),
 * then as.create, an anonymous area and a 2-page u-area (km.alloc1); a started process touches
 * user pages (movable ram pages) and faults anonymous ones; an exit gives everything back. A
 * fork whose pmap_create sleeps stays "forking" until a `woken` effect, the rest of it after.
 * Every decision draws the same four numbers whatever the kernel answered, so the same seed is
 * the same storm on every revision of config.revisions.l1, reacting only where the kernels differ
 * (a fork that sleeps cannot touch pages): the demo compares kernels, not workloads.
 */
import type { Effect } from "@pagefold/engine";
import type { KernelConfig, KernelEvent, RevisionOf } from "@pagefold/kernel";
import { SeededRandom } from "../random.js";
import { checkedConfig, PrivateMachine, type WorkloadBase } from "./runner.js";

export interface ForkStormOptions extends WorkloadBase {
  /** Frames (default 4096). */
  readonly ramPages?: number;
  readonly l1?: RevisionOf<"l1">;
  readonly kmem?: RevisionOf<"kmem">;
  /** Default "fixed": the storm is about L1s, not about HelenOS 2006's own frame leaks. */
  readonly addrspace?: RevisionOf<"addrspace">;
  /** Live processes the storm climbs to (default 160, well past the 64 static L1s). */
  readonly processes?: number;
}

const AREA_BASE = 0x10000;
const AREA_PAGES = 64;
const UAREA = 2 * 4096;

interface Proc {
  readonly id: number;
  uarea: number;
  readonly pages: number[];
  faulted: number;
}

export function forkStormConfig(options: ForkStormOptions): KernelConfig {
  const revisions = {
    l1: options.l1 ?? "2001",
    kmem: options.kmem ?? "1998",
    addrspace: options.addrspace ?? "fixed",
  };
  return checkedConfig("fork storm", options, { ramPages: options.ramPages ?? 4096, revisions });
}

/** The storm, generated lazily; iterating twice yields the same events. */
export function forkStorm(options: ForkStormOptions): Iterable<KernelEvent> {
  const config = forkStormConfig(options);
  return {
    *[Symbol.iterator]() {
      const storm = new ForkStorm(config, options);
      for (let i = 0; i < options.events; i++) yield storm.next();
    },
  };
}

export function generateForkStorm(options: ForkStormOptions): {
  config: KernelConfig;
  events: KernelEvent[];
} {
  return { config: forkStormConfig(options), events: Array.from(forkStorm(options)) };
}

class ForkStorm {
  private readonly random: SeededRandom;
  private readonly machine: PrivateMachine;
  private readonly procs: Proc[] = [];
  private readonly forking = new Map<number, Proc>();
  private readonly owner = new Map<number, Proc>();
  private readonly queue: KernelEvent[] = [];
  /** Who the next user page and the next u-areas are for. */
  private pageFor: Proc | undefined;
  private readonly uareaFor: Proc[] = [];
  private readonly uareaSleepers = new Map<number, Proc>();
  private readonly target: number;
  private nextId = 1;
  private phase: "fill" | "scatter" | "storm" = "fill";

  constructor(config: KernelConfig, options: ForkStormOptions) {
    this.random = new SeededRandom(options.seed);
    this.machine = new PrivateMachine(config, (effect) => this.observe(effect));
    this.target = options.processes ?? 160;
  }

  next(): KernelEvent {
    const event = this.queue.shift() ?? this.choose();
    const outcome = this.machine.run(event);
    const value = outcome.ok
      ? (outcome.value as { blocked?: number; pfn?: number; kva?: number } | undefined)
      : undefined;
    if (event.op === "pmap.create") {
      const proc = this.procs.find((p) => p.id === event.pmap)!;
      if (value?.blocked !== undefined) this.forking.set(value.blocked, proc);
      else this.started(proc);
    } else if (event.op === "ram.alloc" && value?.pfn !== undefined && this.pageFor !== undefined) {
      this.adopt(this.pageFor, value.pfn);
    } else if (event.op === "km.alloc1") {
      const proc = this.uareaFor.shift()!;
      if (value?.kva !== undefined) proc.uarea = value.kva;
      if (value?.blocked !== undefined) this.uareaSleepers.set(value.blocked, proc);
    }
    return event;
  }

  /**
   * Four draws per decision, whatever the kernel answered. "fill": fork to 60 % of the peak and
   * touch pages until RAM is full; "scatter": processes give back random pages until 12 % is free,
   * in holes all over memory; "storm": fork to the peak while touching and freeing around 10 %.
   */
  private choose(): KernelEvent {
    const r = this.random;
    const [roll, pick, page, n] = [r.next(), r.next(), r.next(), r.int(1, 25)];
    const ram = this.machine.state.ram;
    const free = ram.freePages / ram.totalPages;
    if (this.phase === "fill" && free < 0.01) this.phase = "scatter";
    if (this.phase === "scatter" && free >= 0.12) this.phase = "storm";
    const started = this.procs.filter((p) => p.uarea !== 0);
    const victim = started[Math.floor(pick * started.length)];
    this.pageFor = undefined;
    if (roll < 0.02) return { op: "tick", n };
    if (roll < 0.025) return { op: "pdaemon.run" };
    const peak = this.phase === "fill" ? Math.ceil(this.target * 0.6) : this.target;
    if (roll < 0.12 && this.procs.length < peak && this.phase !== "scatter") return this.fork();
    if (victim === undefined) return { op: "tick", n };
    if (roll < 0.14 && this.phase === "storm" && this.procs.length >= peak) return this.exit(victim);
    const giveBack = this.phase === "scatter" || (this.phase === "storm" && free < 0.1);
    if (giveBack && victim.pages.length > 0 && page < 0.8) {
      const pfn = victim.pages.splice(Math.floor((page / 0.8) * victim.pages.length), 1)[0]!;
      this.owner.delete(pfn);
      return { op: "ram.free", pfn, pages: 1 };
    }
    if (page < 0.4 && victim.faulted < AREA_PAGES) {
      return { op: "as.fault", as: victim.id, addr: AREA_BASE + 4096 * victim.faulted++, access: "write" };
    }
    this.pageFor = victim;
    return { op: "ram.alloc", pages: 1, movable: true };
  }

  private fork(): KernelEvent {
    const proc: Proc = { id: this.nextId++, uarea: 0, pages: [], faulted: 0 };
    this.procs.push(proc);
    return { op: "pmap.create", pmap: proc.id };
  }

  /** The rest of fork once the pmap exists: the address space, its area, the u-area. */
  private started(proc: Proc): void {
    this.uareaFor.push(proc);
    this.queue.push(
      { op: "as.create", as: proc.id },
      {
        op: "area.create",
        as: proc.id,
        base: AREA_BASE,
        size: AREA_PAGES * 4096,
        flags: ["read", "write"],
        backend: "anon",
      },
      { op: "km.alloc1", map: "kernel_map", size: UAREA, zero: true },
    );
  }

  private exit(proc: Proc): KernelEvent {
    this.procs.splice(this.procs.indexOf(proc), 1);
    for (const pfn of proc.pages) {
      this.owner.delete(pfn);
      this.queue.push({ op: "ram.free", pfn, pages: 1 });
    }
    if (proc.uarea !== 0)
      this.queue.push({ op: "km.free", map: "kernel_map", addr: proc.uarea, size: UAREA });
    this.queue.push({ op: "pmap.destroy", pmap: proc.id });
    return { op: "as.destroy", as: proc.id };
  }

  private adopt(proc: Proc, pfn: number): void {
    proc.pages.push(pfn);
    this.owner.set(pfn, proc);
  }

  /** Wakeups finish forks; migrations move a process's user page (seed 002's brute force). */
  private observe(effect: Effect): void {
    if (effect.kind === "woken" && effect["op"] === "km.alloc1") {
      const proc = this.uareaSleepers.get(effect["sleeper"] as number);
      if (proc !== undefined) proc.uarea = (effect["value"] as { kva: number }).kva;
    } else if (effect.kind === "woken" && effect["op"] === "pmap.create") {
      const proc = this.forking.get(effect["sleeper"] as number);
      this.forking.delete(effect["sleeper"] as number);
      if (proc !== undefined && this.procs.includes(proc)) this.started(proc);
    } else if (effect.kind === "migrated") {
      const proc = this.owner.get(effect["from"] as number);
      if (proc === undefined) return;
      this.owner.delete(effect["from"] as number);
      proc.pages[proc.pages.indexOf(effect["from"] as number)] = effect["to"] as number;
      this.owner.set(effect["to"] as number, proc);
    }
  }
}
