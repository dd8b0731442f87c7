/**
 * A seeded fragmenting mix of kernel allocations and user pages (seed 004 with seed 002's
 * consequence): malloc-sized wired allocations from kmem_map (some NOWAIT), pool pages, wired
 * kernel_map memory, exec arguments from exec_map by uvm_km_valloc_wait and uvm_km_free_wakeup,
 * and single movable user pages, with frees interleaved so that free memory ends up in scattered
 * single pages between kernel pages that never move. Occupancy is steered into 70–90 %.
 */
import type { Effect } from "@pagefold/engine";
import type { KernelConfig, KernelEvent, RevisionOf } from "@pagefold/kernel";
import { SeededRandom } from "../random.js";
import { checkedConfig, PrivateMachine, type WorkloadBase } from "./runner.js";

export interface KmemMixOptions extends WorkloadBase {
  /** Frames (default 4096). */
  readonly ramPages?: number;
  readonly kmem?: RevisionOf<"kmem">;
  readonly l1?: RevisionOf<"l1">;
}

interface Held {
  readonly op: "km.free" | "km.freeWakeup" | "km.poolpageFree";
  readonly map: string;
  readonly addr: number;
  readonly size: number;
}

const SUBMAPS: readonly KernelEvent[] = [
  { op: "km.suballoc", name: "kmem_map", size: 1024 * 4096 },
  { op: "km.suballoc", name: "mb_map", size: 256 * 4096 },
  { op: "km.suballoc", name: "exec_map", size: 64 * 4096, pageable: true },
];

export function kmemMixConfig(options: KmemMixOptions): KernelConfig {
  const revisions = { kmem: options.kmem ?? "1998", l1: options.l1 ?? "2001" };
  return checkedConfig("kmem mix", options, { ramPages: options.ramPages ?? 4096, revisions });
}

/** The mix, generated lazily; iterating twice yields the same events. */
export function kmemMix(options: KmemMixOptions): Iterable<KernelEvent> {
  const config = kmemMixConfig(options);
  return {
    *[Symbol.iterator]() {
      const mix = new KmemMix(config, options.seed);
      for (let i = 0; i < options.events; i++) yield mix.next();
    },
  };
}

export function generateKmemMix(options: KmemMixOptions): { config: KernelConfig; events: KernelEvent[] } {
  return { config: kmemMixConfig(options), events: Array.from(kmemMix(options)) };
}

class KmemMix {
  private readonly random: SeededRandom;
  private readonly machine: PrivateMachine;
  private readonly held: Held[] = [];
  private readonly user: number[] = [];
  private readonly sleeping = new Map<string, Omit<Held, "addr">>();
  private emitted = 0;

  constructor(config: KernelConfig, seed: number) {
    this.random = new SeededRandom(seed);
    this.machine = new PrivateMachine(config, (effect) => this.woken(effect));
  }

  next(): KernelEvent {
    const event = SUBMAPS[this.emitted++] ?? this.choose();
    const outcome = this.machine.run(event);
    const value = outcome.ok
      ? (outcome.value as { kva?: number; blocked?: number; pfn?: number } | undefined)
      : undefined;
    const free = releaseOf(event);
    if (value?.pfn !== undefined) this.user.push(value.pfn);
    if (free !== undefined && value?.kva !== undefined) this.held.push({ ...free, addr: value.kva });
    if (free !== undefined && value?.blocked !== undefined)
      this.sleeping.set(`${event.op}:${value.blocked}`, free);
    return event;
  }

  private choose(): KernelEvent {
    const r = this.random;
    const [roll, pick, size] = [r.next(), r.next(), r.int(1, 8)];
    const ram = this.machine.state.ram;
    const occupancy = 1 - ram.freePages / ram.totalPages;
    if (roll < 0.03) return { op: "tick", n: size * 3 };
    if (roll < 0.04) return { op: "pdaemon.run" };
    const freeing = occupancy > 0.9 || (occupancy > 0.7 && roll < 0.5);
    if (freeing && this.user.length > 0 && pick < 0.6) {
      const pfn = this.user.splice(Math.floor((pick / 0.6) * this.user.length), 1)[0]!;
      return { op: "ram.free", pfn, pages: 1 };
    }
    if (freeing && this.held.length > 0) {
      const held = this.held.splice(Math.floor(pick * this.held.length), 1)[0]!;
      return held.op === "km.poolpageFree"
        ? { op: held.op, map: held.map, addr: held.addr }
        : { op: held.op, map: held.map, addr: held.addr, size: held.size };
    }
    if (roll < 0.45) return { op: "ram.alloc", pages: 1, movable: true };
    if (roll < 0.65)
      return {
        op: "km.kmemalloc",
        map: "kmem_map",
        size: size * 1024 * (pick < 0.5 ? 1 : 4),
        ...(pick < 0.3 ? { flags: ["nowait" as const] } : {}),
      };
    if (roll < 0.75) return { op: "km.poolpageAlloc", map: pick < 0.7 ? "kmem_map" : "mb_map" };
    if (roll < 0.88) return { op: "km.alloc1", map: "kernel_map", size: size * 4096, zero: pick < 0.5 };
    // exec arguments: a few execs at a time wait for exec_map, as exec's own limit keeps it.
    if (this.sleeping.size >= 4) return { op: "km.alloc1", map: "kernel_map", size: size * 4096 };
    return { op: "km.vallocWait", map: "exec_map", size: size * 4 * 4096 };
  }

  private woken(effect: Effect): void {
    if (effect.kind !== "woken") return;
    const key = `${effect["op"] as string}:${effect["sleeper"] as number}`;
    const free = this.sleeping.get(key);
    if (free === undefined) return;
    this.sleeping.delete(key);
    this.held.push({ ...free, addr: (effect["value"] as { kva: number }).kva });
  }
}

/** How an allocating event's memory is given back. */
function releaseOf(event: KernelEvent): Omit<Held, "addr"> | undefined {
  switch (event.op) {
    case "km.kmemalloc":
    case "km.alloc1":
      return { op: "km.free", map: event.map, size: event.size };
    case "km.vallocWait":
      return { op: "km.freeWakeup", map: event.map, size: event.size };
    case "km.poolpageAlloc":
      return { op: "km.poolpageFree", map: event.map, size: 4096 };
    default:
      return undefined;
  }
}
