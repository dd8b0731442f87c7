import type { KernelState } from "../state.js";
import { geometry } from "./geometry.js";
import { sparseGet } from "./sparse.js";
import { NIL } from "./state.js";
import { subAllocator } from "./sub-allocator.js";

/**
 * mptalloc.cpp TSubAllocator::CheckFreeList, as a list of problems: every cleanup entry is the
 * first table of its page, flagged, all its tables unused, and accounts for a whole cluster; the
 * free list holds exactly iFreeCount minus those, all unused and of this pagedness; and for each
 * free table the next unused table of its page is its immediate successor.
 */
export function checkFreeList(state: KernelState, paged: boolean): string[] {
  const pts = state.pagetables;
  const sub = subAllocator(pts, paged);
  const name = paged ? "paged" : "unpaged";
  const cluster = geometry(state).clusterSize;
  const out: string[] = [];
  let count = sub.freeCount;
  let pages = 0;
  let prev = NIL;
  for (let pt = sub.cleanupHead; pt !== NIL; pt = sparseGet(pts.infos, pt)?.next ?? NIL) {
    const info = sparseGet(pts.infos, pt);
    if (info === undefined || info.prev !== prev) return [`${name} cleanup list is broken at table ${pt}`];
    if (pt % cluster !== 0 || !info.onCleanupList || info.paged !== paged)
      out.push(`${name} cleanup entry ${pt} is not a flagged first table`);
    for (let t = pt; t < pt + cluster; t++)
      if (sparseGet(pts.infos, t)?.used !== false)
        out.push(`${name} cleanup page of ${pt} has table ${t} in use`);
    if (count < cluster)
      return [...out, `${name} cleanup list holds more tables than iFreeCount ${sub.freeCount}`];
    count -= cluster;
    pages++;
    prev = pt;
  }
  if (prev !== sub.cleanupTail)
    out.push(`${name} cleanup list tail is ${sub.cleanupTail}, walked to ${prev}`);
  if (pages !== sub.cleanupPages)
    out.push(`${name} cleanup list has ${pages} pages, counted ${sub.cleanupPages}`);
  prev = NIL;
  let pt = sub.freeHead;
  for (; count > 0; count--) {
    const info = pt === NIL ? undefined : sparseGet(pts.infos, pt);
    if (info === undefined || info.prev !== prev)
      return [...out, `${name} free list ends or breaks before iFreeCount`];
    if (info.used || info.paged !== paged || info.onCleanupList)
      out.push(`${name} free list holds table ${pt} in use or misfiled`);
    const last = pt - (pt % cluster) + cluster - 1;
    for (let next = pt + 1; next <= last; next++) {
      if (sparseGet(pts.infos, next)?.used !== false) continue;
      if (info.next !== next) out.push(`${name} free table ${pt} is not followed by ${next} of its page`);
      break;
    }
    prev = pt;
    pt = info.next;
  }
  if (pt !== NIL || prev !== sub.freeTail)
    out.push(`${name} free list is longer than iFreeCount or its tail is wrong`);
  return out;
}
