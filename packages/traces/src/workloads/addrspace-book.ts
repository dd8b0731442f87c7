/**
 * What the address-space churn knows of its private machine: the live address spaces, their
 * areas and the CPUs' current address spaces, updated from each event's outcome.
 */
import type { Outcome } from "@pagefold/engine";
import type { KernelEvent } from "@pagefold/kernel";

/** Areas go at one of SLOTS bases SLOT_BYTES apart: growing past 64 pages meets the next slot. */
export const SLOTS = 12;
export const SLOT_BYTES = 0x40000;
const PAGE = 4096;

export interface AreaBook {
  readonly as: number;
  readonly base: number;
  pages: number;
  shared: boolean;
  /** Pages below this one were faulted in (the generator's guess; shrinks lower it). */
  touched: number;
}

interface SpaceBook {
  readonly id: number;
  readonly areas: AreaBook[];
}

export class AddrspaceBook {
  private readonly spaces: SpaceBook[] = [];
  private readonly running = [-1, -1];
  private nextId = 1;

  constructor(private readonly target: number) {}

  /** as.create while fewer address spaces than the target live. */
  spawn(): KernelEvent | undefined {
    return this.spaces.length < this.target ? { op: "as.create", as: this.nextId } : undefined;
  }

  pickSpace(pick: number): SpaceBook | undefined {
    return this.spaces.length === 0 ? undefined : this.spaces[pick % this.spaces.length];
  }

  /** Mostly the address space CPU 0 runs (a thread keeps running), else any. */
  pickCaller(pick: number): SpaceBook | undefined {
    const current = this.spaces.find((s) => s.id === this.running[0]);
    return current !== undefined && pick % 8 !== 0 ? current : this.pickSpace(pick >>> 3);
  }

  /** An area of `space`, an unshared one when `unshared` and there is one (shared ones are fixed in size). */
  pickArea(space: SpaceBook, pick: number, unshared = false): AreaBook | undefined {
    const areas =
      unshared && space.areas.some((a) => !a.shared) ? space.areas.filter((a) => !a.shared) : space.areas;
    return areas.length === 0 ? undefined : areas[pick % areas.length];
  }

  /** `call`, made by a thread of `as`: CPU 0 switches to it first unless it runs it already. */
  onCpu0(as: number, call: KernelEvent): KernelEvent[] {
    if (call.op === "pdaemon.run" || this.running[0] === as) return [call];
    return [{ op: "as.switch", as, cpu: 0 }, call];
  }

  /** A task exit: as.destroy of an address space no CPU runs (a new one is spawned next). */
  exit(pick: number): KernelEvent | undefined {
    const idle = this.spaces.filter((s) => !this.running.includes(s.id));
    const victim = idle.length === 0 ? undefined : idle[pick % idle.length];
    return victim === undefined ? undefined : { op: "as.destroy", as: victim.id };
  }

  record(event: KernelEvent, outcome: Outcome): void {
    if (!outcome.ok) return;
    switch (event.op) {
      case "as.create":
        this.spaces.push({ id: event.as, areas: [] });
        this.nextId = Math.max(this.nextId, event.as + 1);
        return;
      case "as.destroy":
        this.spaces.splice(
          this.spaces.findIndex((s) => s.id === event.as),
          1,
        );
        return;
      case "as.switch":
        this.running[event.cpu ?? 0] = event.as;
        return;
      case "area.create":
        this.space(event.as).areas.push({
          as: event.as,
          base: event.base,
          pages: Math.ceil(event.size / PAGE),
          shared: false,
          touched: 0,
        });
        return;
      case "area.resize": {
        const area = this.areaAt(event.as, event.addr)!;
        area.pages = Math.ceil((event.addr - area.base + event.size) / PAGE);
        area.touched = Math.min(area.touched, area.pages);
        return;
      }
      case "area.destroy": {
        const areas = this.space(event.as).areas;
        areas.splice(areas.indexOf(this.areaAt(event.as, event.addr)!), 1);
        return;
      }
      case "area.share": {
        const src = this.areaAt(event.srcAs, event.srcBase)!;
        src.shared = true;
        const dst = { as: event.dstAs, base: event.dstBase, pages: src.pages, shared: true, touched: 0 };
        this.space(event.dstAs).areas.push(dst);
        return;
      }
      default:
        return;
    }
  }

  private space(id: number): SpaceBook {
    return this.spaces.find((s) => s.id === id)!;
  }

  private areaAt(as: number, addr: number): AreaBook | undefined {
    return this.space(as).areas.find((a) => a.base <= addr && addr < a.base + a.pages * PAGE);
  }
}
