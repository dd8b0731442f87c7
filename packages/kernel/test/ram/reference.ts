import { err, ok, type Outcome } from "@pagefold/engine";

interface RefFrame {
  readonly tag: number;
  readonly movable: boolean;
}

/**
 * The obviously-correct ram model the allocator is checked against: one slot per frame and
 * linear lowest-address scans, straight from the op descriptions in EVENTS.md.
 */
export class ReferenceRam {
  readonly frames: (RefFrame | null)[];
  allocations = 0;

  constructor(readonly total: number) {
    this.frames = new Array<RefFrame | null>(total).fill(null);
  }

  alloc(pages: number, align: number, movable: boolean): Outcome {
    if (pages === 0 || align > 31) return err("KErrArgument");
    const step = 2 ** align;
    for (let start = 0; start + pages <= this.total; start += step) {
      if (this.allFree(start, pages)) {
        const tag = ++this.allocations;
        for (let p = start; p < start + pages; p++) this.frames[p] = { tag, movable };
        return ok({ pfn: start });
      }
    }
    return err("KErrNoMemory");
  }

  free(pfn: number, pages: number): Outcome {
    if (pages === 0 || pfn + pages > this.total) return err("KErrArgument");
    for (let p = pfn; p < pfn + pages; p++) if (this.frames[p] === null) return err("KErrArgument");
    for (let p = pfn; p < pfn + pages; p++) this.frames[p] = null;
    return ok();
  }

  migrate(pfn: number): Outcome {
    if (pfn >= this.total) return err("KErrArgument");
    const frame = this.frames[pfn];
    if (frame === null || frame === undefined) return err("KErrArgument");
    if (!frame.movable) return err("KErrNotSupported");
    const to = this.frames.indexOf(null);
    if (to < 0) return err("KErrNoMemory");
    this.frames[to] = frame;
    this.frames[pfn] = null;
    return ok({ from: pfn, to });
  }

  get freePages(): number {
    return this.frames.filter((f) => f === null).length;
  }

  get largestFreeRun(): number {
    let best = 0;
    let run = 0;
    for (const f of this.frames) {
      run = f === null ? run + 1 : 0;
      best = Math.max(best, run);
    }
    return best;
  }

  get largestFreeOrder(): number {
    for (let order = 31; order >= 0; order--) {
      const size = 2 ** order;
      for (let s = 0; s + size <= this.total; s += size) if (this.allFree(s, size)) return order;
    }
    return -1;
  }

  /** Frames that a ram.free of `pages` at `pfn` may name: start of a ram-owned stretch. */
  ownedFrames(): number[] {
    const out: number[] = [];
    this.frames.forEach((f, p) => {
      if (f !== null) out.push(p);
    });
    return out;
  }

  allFree(start: number, pages: number): boolean {
    for (let p = start; p < start + pages; p++) if (this.frames[p] !== null) return false;
    return true;
  }
}
