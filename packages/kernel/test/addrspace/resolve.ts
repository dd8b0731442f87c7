/**
 * fast-check commands for the as.* / area.* ops. A command holds random choices; `resolve` turns
 * it into a concrete event against the machine's current state, so most events name areas and
 * pages that exist. In `safe` mode it avoids what even revision "fixed" answers with a panic
 * (mapping into a backed area or a used page, destroying a running address space, more CPUs than
 * ASIDs), so a stream runs to its end; the tests give the machine frames enough for every area.
 */
import type { KernelEvent, KernelState } from "../../src/index.js";
import { pageMappingFind } from "../../src/addrspace/mapping.js";
import { sparseGet } from "../../src/sparse-table.js";
import { reachableAreas, type AreaRef } from "../../src/addrspace/walk.js";
import { SLOT_BYTES, type AsCommand } from "./commands.js";

const PAGE = 4096;
const ACCESS = ["read", "write", "exec"] as const;
const FLAG_NAMES = ["read", "write", "exec", "device"] as const;

function flagNames(bits: number): Array<(typeof FLAG_NAMES)[number]> {
  return FLAG_NAMES.filter((_, i) => (bits & (1 << i)) !== 0);
}

/** Live areas (not freed) with their address spaces, in a stable order. */
function liveAreas(state: KernelState): AreaRef[] {
  return reachableAreas(state.addrspace).filter((r) => !r.area.freed);
}

/** An odd base or size for area.create: NULL page, misaligned, kernel boundary, wrap, 0, W+X. */
function oddCreate(as: number, odd: number, flags: number): KernelEvent {
  const names = flagNames(flags);
  switch (odd) {
    case 1:
      return { op: "area.create", as, base: 0, size: 2 * PAGE, flags: names };
    case 2:
      return { op: "area.create", as, base: SLOT_BYTES + 16, size: PAGE, flags: names };
    case 3:
      return { op: "area.create", as, base: 0x7fffe000, size: 4 * PAGE, flags: names };
    case 4:
      return { op: "area.create", as, base: 0xfffff000, size: 2 * PAGE, flags: names };
    case 5:
      return { op: "area.create", as, base: 9 * SLOT_BYTES, size: 0, flags: names };
    default:
      return { op: "area.create", as, base: 9 * SLOT_BYTES, size: PAGE, flags: ["write", "exec"] };
  }
}

export function resolve(command: AsCommand, state: KernelState, safe: boolean): KernelEvent {
  const areas = liveAreas(state);
  const chosen =
    areas.length === 0 ? undefined : areas[("pick" in command ? command.pick : 0) % areas.length];
  switch (command.kind) {
    case "as.create":
      return command.kernel
        ? { op: "as.create", as: command.as, kernel: true }
        : { op: "as.create", as: command.as };
    case "as.destroy": {
      const as = sparseGet(state.addrspace.spaces, command.as);
      if (safe && as !== undefined && as.cpuRefcount > 0) return { op: "as.lookup", as: command.as, addr: 0 };
      return { op: "as.destroy", as: command.as };
    }
    case "area.create": {
      if (command.odd !== 0) return oddCreate(command.as, command.odd, command.flags);
      const event = {
        op: "area.create" as const,
        as: command.as,
        base: SLOT_BYTES * (command.slot + 1),
        size: command.pages * PAGE,
        flags: flagNames(command.flags & 0b1011 ? command.flags : command.flags | 1),
      };
      return command.none ? { ...event, backend: "none" as const } : event;
    }
    case "area.resize": {
      if (chosen === undefined || command.odd === 2)
        return { op: "area.resize", as: 0, addr: SLOT_BYTES, size: PAGE };
      const { as, area } = chosen;
      const addr = (area.base + Math.min(command.inner, area.pages - 1) * PAGE) >>> 0;
      const size =
        command.odd === 1 ? 0xfffff000 : Math.max(0, command.pages * PAGE - ((addr - area.base) >>> 0));
      return { op: "area.resize", as: as.id, addr, size };
    }
    case "area.destroy":
      if (chosen === undefined || command.odd === 9)
        return { op: "area.destroy", as: 0, addr: SLOT_BYTES * 3 };
      return {
        op: "area.destroy",
        as: chosen.as.id,
        addr: (chosen.area.base + (command.odd % chosen.area.pages) * PAGE) >>> 0,
      };
    case "area.share": {
      const base = SLOT_BYTES * (command.slot + 1);
      if (chosen === undefined)
        return { op: "area.share", srcAs: 0, srcBase: base, size: PAGE, dstAs: command.dst, dstBase: base };
      const size = (chosen.area.pages * PAGE + command.sizeOff) >>> 0;
      return {
        op: "area.share",
        srcAs: chosen.as.id,
        srcBase: chosen.area.base,
        size,
        dstAs: command.dst,
        dstBase: base,
      };
    }
    case "as.fault": {
      const copy =
        command.copy === 0 ? {} : { inCopy: command.copy === 1 ? ("from" as const) : ("to" as const) };
      if (chosen === undefined) return { op: "as.fault", as: 0, addr: SLOT_BYTES, access: "read", ...copy };
      const addr = (chosen.area.base + (command.page % (chosen.area.pages + 1)) * PAGE + 8) >>> 0;
      return { op: "as.fault", as: chosen.as.id, addr, access: ACCESS[command.access]!, ...copy };
    }
    case "as.map":
      return resolveMap(command, areas, safe);
    case "as.switch":
      return { op: "as.switch", as: command.as, cpu: safe ? command.cpu % 2 : command.cpu };
    case "as.lookup":
      if (chosen === undefined) return { op: "as.lookup", as: 0, addr: SLOT_BYTES };
      return {
        op: "as.lookup",
        as: chosen.as.id,
        addr: (chosen.area.base + (command.page % (chosen.area.pages + 1)) * PAGE) >>> 0,
      };
    case "pdaemon.run":
      return { op: "pdaemon.run" };
  }
}

/** as.map: in safe mode only an unused page of an area without a backend. */
function resolveMap(
  command: Extract<AsCommand, { kind: "as.map" }>,
  areas: AreaRef[],
  safe: boolean,
): KernelEvent {
  const candidates = safe ? areas.filter((r) => r.area.backend === "none") : areas;
  const chosen = candidates.length === 0 ? undefined : candidates[command.pick % candidates.length];
  if (chosen === undefined) return { op: "as.lookup", as: 0, addr: 0 };
  const page = (chosen.area.base + (command.page % chosen.area.pages) * PAGE) >>> 0;
  if (safe && pageMappingFind(chosen.as, page) !== undefined)
    return { op: "as.lookup", as: chosen.as.id, addr: page };
  return { op: "as.map", as: chosen.as.id, page, pfn: command.pfn };
}
