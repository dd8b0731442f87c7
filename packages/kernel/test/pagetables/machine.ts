/** A booted paging machine for unit tests, driven on the bulk path with invariants checked. */
import { checkInvariants, type Effect, type Outcome } from "@pagefold/engine";
import { expect } from "vitest";
import {
  kernelMachine,
  type KernelConfigInput,
  type KernelEvent,
  type KernelState,
} from "../../src/index.js";
import { queueItems } from "../../src/pagetables/links.js";
import { boot, run } from "../helpers.js";

export class PagingMachine {
  readonly state: KernelState;
  constructor(config: KernelConfigInput & { ramPages?: number } = {}) {
    this.state = boot(config.ramPages ?? 4096, config);
  }
  /** Applies an event and checks every invariant afterwards. */
  run(event: KernelEvent): Outcome {
    const outcome = run(this.state, event);
    expect(checkInvariants(kernelMachine, this.state)).toEqual([]);
    return outcome;
  }
  /** The value of an event expected to succeed. */
  ok<T = Record<string, number>>(event: KernelEvent): T {
    const outcome = this.run(event);
    if (!outcome.ok) throw new Error(`${JSON.stringify(event)} → ${outcome.code}: ${outcome.message ?? ""}`);
    return outcome.value as T;
  }
  pt(paged: boolean): number {
    return this.ok<{ pt: number }>({ op: "pt.alloc", paged }).pt;
  }
  freeList(paged: boolean): number[] {
    const pts = this.state.pagetables;
    return queueItems(pts, paged ? pts.paged : pts.unpaged, "free", 1000);
  }
  /** Symbian FreeRam(): free RAM pages plus the cache's free pages. */
  get freeRam(): number {
    return this.state.ram.freePages + this.state.pager.numberOfFreePages;
  }
}

export function kinds(outcome: Outcome): string[] {
  return (outcome.effects ?? []).map((e: Effect) => e.kind);
}
