import { applyEvent, checkInvariants, digestOf, type Effect, type Outcome } from "@pagefold/engine";
import {
  kernelMachine,
  kmemView,
  l1View,
  type KernelConfigInput,
  type KernelEvent,
  type KernelState,
  type KmemView,
  type L1View,
} from "../../src/index.js";
import { boot } from "../helpers.js";

/** An outcome whose `value` can be read whether it succeeded or not. */
export type Answer = Outcome & { readonly value?: unknown };

/** An allocation the driver saw handed out: enough to free it again. */
export interface Held {
  readonly map: string;
  readonly kva: number;
  readonly size: number;
  readonly pool: boolean;
}

/**
 * Runs events on a plain mutable machine (the bulk path) and keeps what the kernel handed out,
 * from outcomes and from `woken` effects, so generated frees and destroys name real things.
 */
export class Driver {
  readonly state: KernelState;
  readonly held: Held[] = [];
  readonly pmaps: number[] = [];
  readonly userPages: number[] = [];
  readonly maps: string[] = ["kernel_map"];
  private readonly pending = new Map<string, Held>();
  private readonly pendingPmaps = new Map<number, number>();

  constructor(ramPages: number, config: KernelConfigInput = {}) {
    this.state = boot(ramPages, config);
  }

  run(input: KernelEvent): Answer {
    const checked = kernelMachine.validate(input);
    if (!checked.ok)
      throw new Error(`invalid event ${JSON.stringify(input)}: ${checked.path} ${checked.message}`);
    const event = checked.value;
    const outcome = applyEvent(kernelMachine, this.state, event);
    this.track(event, outcome);
    for (const effect of outcome.effects ?? []) this.woken(effect);
    return outcome;
  }

  kmemView(): KmemView {
    return kmemView(this.state);
  }

  l1View(): L1View {
    return l1View(this.state);
  }

  violations(): string[] {
    return checkInvariants(kernelMachine, this.state).map((v) => `${v.invariant}: ${v.messages.join("; ")}`);
  }

  /** The digest of what a failed call must leave as it was: kernel memory's maps, pages and mappings, and RAM. */
  memoryDigest(): string {
    const kmem = this.state.kmem;
    const objects = Object.values(kmem.objects).map((o) => o.pages);
    return digestOf({ maps: kmem.maps, objects, pmap: kmem.pmap, ram: this.state.ram });
  }

  private track(event: KernelEvent, outcome: Outcome): void {
    const value = (outcome.ok ? outcome.value : undefined) as
      { kva?: number; blocked?: number; pfn?: number } | undefined;
    switch (event.op) {
      case "km.suballoc":
        if (outcome.ok) this.maps.push(event.name);
        return;
      case "km.kmemalloc":
      case "km.alloc1":
      case "km.valloc":
      case "km.vallocWait":
      case "km.poolpageAlloc": {
        const size = event.op === "km.poolpageAlloc" ? 4096 : event.size;
        const held = { map: event.map, kva: value?.kva ?? 0, size, pool: event.op === "km.poolpageAlloc" };
        if (value?.kva !== undefined) this.held.push(held);
        if (value?.blocked !== undefined) this.pending.set(`${event.op}:${value.blocked}`, held);
        return;
      }
      case "pmap.create":
        if (value?.blocked !== undefined) this.pendingPmaps.set(value.blocked, event.pmap);
        else if (outcome.ok) this.pmaps.push(event.pmap);
        return;
      case "ram.alloc":
        if (value?.pfn !== undefined)
          for (let i = 0; i < event.pages; i++) this.userPages.push(value.pfn + i);
        return;
      default:
        return;
    }
  }

  private woken(effect: Effect): void {
    if (effect.kind !== "woken") return;
    const { sleeper, op, value } = effect as unknown as {
      sleeper: number;
      op: string;
      value: { kva?: number };
    };
    if (op === "pmap.create") {
      this.pmaps.push(this.pendingPmaps.get(sleeper)!);
      this.pendingPmaps.delete(sleeper);
      return;
    }
    const held = this.pending.get(`${op}:${sleeper}`);
    if (held === undefined || value.kva === undefined) return;
    this.pending.delete(`${op}:${sleeper}`);
    this.held.push({ ...held, kva: value.kva });
  }
}
