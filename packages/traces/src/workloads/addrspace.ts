/**
 * A seeded churn of HelenOS address spaces (seed 003): tasks come and go on two CPUs, their
 * anonymous areas grow, shrink, are shared and destroyed while pages fault in, and memory runs
 * short enough that the page daemon takes back inactive pages. The generator drives a private
 * machine running addrspace revision "fixed" (a kernel that keeps its invariants), so every event
 * names areas and address spaces that exist; the stream does not depend on config.revisions, and
 * replaying it under the seed's revision 2006 shows where the seed parts from it.
 */
import { tune, type KernelConfig, type KernelEvent, type RevisionOf } from "@pagefold/kernel";
import { SeededRandom } from "../random.js";
import { AddrspaceBook, type AreaBook } from "./addrspace-book.js";
import { createCall, faultCall, growCall, shareCall, shrinkCall } from "./addrspace-calls.js";
import { checkedConfig, PrivateMachine, type WorkloadBase } from "./runner.js";

export interface AddrspaceChurnOptions extends WorkloadBase {
  /** Frames (default 2048). */
  readonly ramPages?: number;
  /** config.revisions.addrspace of the returned config (default "2006", the seed). */
  readonly revision?: RevisionOf<"addrspace">;
  /** Address spaces alive at once (default 6). */
  readonly spaces?: number;
}

const PAGE = 4096;
/** Below this many free frames no fault is emitted ("Sleep not implemented." would panic). */
const RESERVE = 8;

export function addrspaceChurnConfig(options: AddrspaceChurnOptions): KernelConfig {
  const revisions = { addrspace: options.revision ?? "2006" };
  return checkedConfig("addrspace churn", options, { ramPages: options.ramPages ?? 2048, revisions });
}

/** The churn, generated lazily; iterating twice yields the same events. */
export function addrspaceChurn(options: AddrspaceChurnOptions): Iterable<KernelEvent> {
  const config = addrspaceChurnConfig(options);
  return {
    *[Symbol.iterator]() {
      const churn = new AddrspaceChurn(config, options);
      for (let i = 0; i < options.events; i++) yield churn.next();
    },
  };
}

export function generateAddrspaceChurn(options: AddrspaceChurnOptions): {
  config: KernelConfig;
  events: KernelEvent[];
} {
  return { config: addrspaceChurnConfig(options), events: Array.from(addrspaceChurn(options)) };
}

class AddrspaceChurn {
  private readonly random: SeededRandom;
  private readonly machine: PrivateMachine;
  private readonly book: AddrspaceBook;
  private readonly queue: KernelEvent[] = [];
  /** The page daemon reclaims below this many free frames (uvmexp freetarg). */
  private readonly freetarg: number;

  constructor(config: KernelConfig, options: AddrspaceChurnOptions) {
    this.random = new SeededRandom(options.seed);
    this.machine = new PrivateMachine(
      { ...config, revisions: { ...config.revisions, addrspace: "fixed" } },
      () => {},
    );
    this.book = new AddrspaceBook(options.spaces ?? 6);
    this.freetarg = tune(config.ramPages, config.revisions.kmem).freetarg;
  }

  next(): KernelEvent {
    if (this.queue.length === 0) this.queue.push(...this.choose());
    const event = this.queue.shift()!;
    this.book.record(event, this.machine.run(event));
    return event;
  }

  /**
   * Four draws per decision, whatever the kernel answered. An area call or fault of address space
   * X is made by a thread of X, so CPU 0 switches to X first (mostly it stays with the address
   * space it runs); CPU 1 runs whatever it last chose. While freetarg frames or more are free,
   * pages fault in and areas come and grow; below it the page daemon reclaims inactive pages and
   * areas shrink and go.
   */
  private choose(): KernelEvent[] {
    const r = this.random;
    const [roll, pick, size, page] = [r.next(), r.nextUint32(), r.next(), r.next()];
    const ram = this.machine.state.ram;
    const high = ram.freePages < this.freetarg;
    const spawn = this.book.spawn();
    if (spawn !== undefined) return [spawn];
    const space = this.book.pickCaller(pick);
    if (roll < 0.02) return [{ op: "tick", n: 1 + (pick % 3) }];
    if (roll < 0.03 || (high && roll < 0.2)) return [{ op: "pdaemon.run" }];
    if (roll < 0.05) return [{ op: "as.switch", as: this.book.pickSpace(pick >>> 4)!.id, cpu: 1 }];
    if (roll < 0.053 || (high && roll < 0.23)) return [this.book.exit(pick) ?? { op: "tick", n: 1 }];
    if (space === undefined) return [{ op: "tick", n: 1 }];
    const area = this.book.pickArea(space, pick >>> 8, roll < 0.3);
    return this.book.onCpu0(space.id, this.areaCall(space.id, area, roll, pick, size, page, high));
  }

  private areaCall(
    as: number,
    area: AreaBook | undefined,
    roll: number,
    pick: number,
    size: number,
    page: number,
    high: boolean,
  ): KernelEvent {
    if (area === undefined || (!high && roll < 0.13)) return createCall(as, pick, size);
    const at = area.base + Math.floor(page * area.pages) * PAGE;
    if (high) return roll < 0.6 ? shrinkCall(area, size) : { op: "area.destroy", as, addr: at };
    if (roll < 0.19) return growCall(area, size, page);
    if (roll < 0.22) return shrinkCall(area, size);
    if (roll < 0.25) return shareCall(area, this.book.pickSpace(pick >>> 12)!.id, pick, page);
    if (roll < 0.27) return { op: "area.destroy", as, addr: at };
    if (roll < 0.29) return { op: "as.lookup", as, addr: at };
    if (this.machine.state.ram.freePages < RESERVE) return { op: "pdaemon.run" };
    return faultCall(area, size, page);
  }
}
