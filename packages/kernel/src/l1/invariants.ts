/**
 * What arm32/pmap.c asserts or relies on for L1 tables (KERNEL-SOURCES.md §2.4): 16 KiB aligned
 * runs owned by their table and mapped at its kva; every table in exactly one place; the reuse
 * queue capped at 8; the aggressive allocator's marks belonging to the lock holder only.
 */
import type { Invariant } from "@pagefold/engine";
import { sparseEach, sparseGet } from "../sparse-table.js";
import { entryKind, entryTag, forEachOwnedFrame, frameEntry, OwnerKind } from "../ram/index.js";
import type { KernelState } from "../state.js";
import { L1_PAGES, REUSE_QUEUE_MAX } from "./state.js";

const MAX_REPORTED = 5;

function check(fn: (state: KernelState, out: string[]) => void): (state: KernelState) => string[] {
  return (state) => {
    const out: string[] = [];
    fn(state, out);
    return out.slice(0, MAX_REPORTED);
  };
}

const tables: Invariant<KernelState> = {
  name: "l1.tables",
  description:
    "an L1 is 4 frames aligned to 16 KiB, owned by its table, wired at its kva in an l1 kernel_map entry",
  check: check((state, out) => {
    sparseEach(state.l1.tables, (id, t) => {
      if (t.pfn % L1_PAGES !== 0) out.push(`table ${id} at frame ${t.pfn} is not 16 KiB aligned`);
      for (let i = 0; i < L1_PAGES; i++) {
        const e = frameEntry(state.ram, t.pfn + i);
        if (entryKind(e) !== OwnerKind.L1 || entryTag(e) !== id)
          out.push(`table ${id}: frame ${t.pfn + i} is not its own`);
        if (sparseGet(state.kmem.pmap, t.kva + i) !== t.pfn + i)
          out.push(`table ${id}: page ${i} is not mapped at its kva`);
      }
      const entry = sparseGet(state.kmem.maps.kernel_map!.entries, t.kva);
      if (entry?.owner !== "l1" || entry.pages !== L1_PAGES)
        out.push(`table ${id}: its kva is not an L1 entry`);
    });
    forEachOwnedFrame(state.ram, OwnerKind.L1, (pfn, e) => {
      const table = sparseGet(state.l1.tables, entryTag(e));
      const inTable = table !== undefined && pfn >= table.pfn && pfn < table.pfn + L1_PAGES;
      if (!inTable && sparseGet(state.l1.hoard, pfn) === undefined)
        out.push(`frame ${pfn} is an L1 frame of nothing`);
      return out.length < MAX_REPORTED;
    });
  }),
};

const places: Invariant<KernelState> = {
  name: "l1.queues",
  description: "every table is on the static queue, the reuse queue (≤ 8, never static) or one pmap, once",
  check: check((state, out) => {
    const l1 = state.l1;
    const seen = new Map<number, string>();
    const place = (id: number, where: string) => {
      if (seen.has(id)) out.push(`table ${id} is both ${seen.get(id)} and ${where}`);
      seen.set(id, where);
      if (sparseGet(l1.tables, id) === undefined)
        out.push(`${where} names table ${id}, which does not exist`);
    };
    for (const id of l1.staticQueue) place(id, "on the static queue");
    for (const id of l1.reuseQueue) place(id, "on the reuse queue");
    sparseEach(l1.pmaps, (pmap, id) => place(id, `pmap ${pmap}'s`));
    if (l1.reuseQueue.length > REUSE_QUEUE_MAX) out.push(`${l1.reuseQueue.length} tables on the reuse queue`);
    for (const id of l1.staticQueue)
      if (sparseGet(l1.tables, id)?.static !== true) out.push(`table ${id} is not static`);
    for (const id of l1.reuseQueue)
      if (sparseGet(l1.tables, id)?.static !== false) out.push(`static table ${id} on the reuse queue`);
    sparseEach(l1.tables, (id) => void (seen.has(id) || out.push(`table ${id} is nowhere`)));
  }),
};

const sleepers: Invariant<KernelState> = {
  name: "l1.sleepers",
  description:
    "only the contig lock's holder marks pages; every L1 kva belongs to a table or a sleeper inside UVM",
  check: check((state, out) => {
    const l1 = state.l1;
    let holder = false;
    sparseEach(l1.sleepers, (id, s) => {
      if (sparseGet(l1.pmaps, s.pmap) !== undefined) out.push(`sleeper ${id}: pmap ${s.pmap} already exists`);
      if (s.phase === "hoard") holder ||= l1.contigLock === s.pmap + 1;
      const kva = s.phase === "poll" ? undefined : sparseGet(state.kmem.maps.kernel_map!.entries, s.kva);
      if (s.phase !== "poll" && kva?.owner !== "l1") out.push(`sleeper ${id} lost its kva`);
    });
    if (l1.contigLock !== 0 && !holder)
      out.push(`the contig lock is held by pmap ${l1.contigLock - 1}, not asleep in it`);
    let marked = 0;
    sparseEach(l1.hoard, (pfn) => {
      marked++;
      const e = frameEntry(state.ram, pfn);
      if (entryKind(e) !== OwnerKind.L1 || entryTag(e) !== l1.hoardTag)
        out.push(`marked frame ${pfn} is not held`);
    });
    if (marked !== l1.hoarded || (marked > 0 && l1.contigLock === 0))
      out.push(`${marked} marked pages, ${l1.hoarded} counted`);
  }),
};

export const l1Invariants: readonly Invariant<KernelState>[] = [tables, places, sleepers];
