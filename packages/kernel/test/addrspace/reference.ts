/**
 * A plain reference for revision "fixed" without sharing: areas as base/pages records, used space
 * as sets of pages, every rule written the obvious way in 64-bit arithmetic. The model-based test
 * replays the same events through the kernel (B+trees, page tables, frames) and compares.
 */
const PAGE = 4096;
const USER_END = 0x80000000;
const FLAG = { read: 1, write: 2, exec: 4, device: 8 } as const;

interface RefArea {
  readonly base: number;
  pages: number;
  readonly flags: number;
  readonly anon: boolean;
  readonly used: Set<number>;
}

export type RefEvent =
  | { op: "as.create"; as: number }
  | {
      op: "area.create";
      as: number;
      base: number;
      size: number;
      flags: (keyof typeof FLAG)[];
      backend?: "none";
    }
  | { op: "area.resize"; as: number; addr: number; size: number }
  | { op: "area.destroy"; as: number; addr: number }
  | { op: "as.fault"; as: number; addr: number; access: "read" | "write" | "exec" }
  | { op: "as.lookup"; as: number; addr: number };

export class ReferenceAddrspace {
  readonly spaces = new Map<number, RefArea[]>();

  apply(e: RefEvent): string {
    if (e.op === "as.create") {
      if (this.spaces.has(e.as)) return "EEXIST";
      this.spaces.set(e.as, []);
      return "ok";
    }
    const areas = this.spaces.get(e.as);
    if (areas === undefined) return "ENOENT";
    switch (e.op) {
      case "area.create": {
        const flags = e.flags.reduce((m, f) => m | FLAG[f], 0);
        if (e.base % PAGE !== 0 || e.size === 0 || (flags & 6) === 6) return "EINVAL";
        if (!this.fits(areas, e.base, e.size, undefined)) return "EADDRNOTAVAIL";
        areas.push({
          base: e.base,
          pages: Math.ceil(e.size / PAGE),
          flags,
          anon: e.backend !== "none",
          used: new Set(),
        });
        areas.sort((a, b) => a.base - b.base);
        return "ok";
      }
      case "area.resize": {
        const area = find(areas, e.addr);
        if (area === undefined) return "ENOENT";
        if (area.flags & FLAG.device) return "ENOTSUP";
        const pages = Math.ceil((e.addr - area.base + e.size) / PAGE);
        if (pages === 0) return "EPERM";
        if (pages >= area.pages && !this.fits(areas, e.addr, pages * PAGE, area)) return "EADDRNOTAVAIL";
        for (const page of area.used) if (page >= area.base + pages * PAGE) area.used.delete(page);
        area.pages = pages;
        return "ok";
      }
      case "area.destroy": {
        const area = find(areas, e.addr);
        if (area === undefined) return "ENOENT";
        areas.splice(areas.indexOf(area), 1);
        return "ok";
      }
      case "as.fault": {
        const area = find(areas, e.addr);
        if (area === undefined || !area.anon || (area.flags & FLAG[e.access]) === 0) return "AS_PF_FAULT";
        area.used.add(e.addr - (e.addr % PAGE));
        return "AS_PF_OK";
      }
      case "as.lookup": {
        const page = e.addr - (e.addr % PAGE);
        return areas.some((a) => a.used.has(page)) ? "ok" : "ENOENT";
      }
    }
  }

  /** Clear of the NULL page, inside user space, overlapping no other area. */
  private fits(areas: RefArea[], va: number, size: number, self: RefArea | undefined): boolean {
    if (va < PAGE || va + size > USER_END) return false;
    return areas.every((a) => a === self || va + size <= a.base || a.base + a.pages * PAGE <= va);
  }

  /** Areas as the kernel's view shows them: hex base → pages and used intervals. */
  view(as: number): Record<string, { pages: number; used: string[] }> {
    const out: Record<string, { pages: number; used: string[] }> = {};
    for (const area of this.spaces.get(as) ?? []) {
      const used: string[] = [];
      let start = -1;
      let count = 0;
      for (const page of [...area.used].sort((a, b) => a - b)) {
        if (start >= 0 && page === start + count * PAGE) count++;
        else {
          if (start >= 0) used.push(`${hex(start)}+${count}`);
          start = page;
          count = 1;
        }
      }
      if (start >= 0) used.push(`${hex(start)}+${count}`);
      out[hex(area.base)] = { pages: area.pages, used };
    }
    return out;
  }
}

function find(areas: RefArea[], va: number): RefArea | undefined {
  return areas.find((a) => a.base <= va && va < a.base + a.pages * PAGE);
}

const hex = (addr: number): string => `0x${addr.toString(16).padStart(8, "0")}`;
