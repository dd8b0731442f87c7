import type { Effect } from "@pagefold/engine";
import { describe, expect, it } from "vitest";
import { entryKind, entryMovable, frameEntry, OwnerKind } from "../../src/index.js";
import type { Driver } from "../kmem/driver.js";
import { fragmented } from "./fragment.js";

const effectsOf = (d: Driver, kind: string, effects: readonly Effect[] | undefined) =>
  (effects ?? []).filter((e) => e.kind === kind);

/** Ticks one at a time until `until`, collecting the clock of every poll of sleeper 1. */
function polls(d: Driver, until: number): number[] {
  const at: number[] = [];
  while (d.state.clock < until) {
    const effects = d.run({ op: "tick" }).effects ?? [];
    if (effects.some((e) => e.kind === "l1Retry" || e.kind === "woken")) at.push(d.state.clock);
  }
  return at;
}
const gaps = (at: readonly number[]) => at.slice(1).map((t, i) => t - at[i]!);

describe("the fragmented machine: 576 pages free, 4-page free runs, none of them 16 KiB-aligned", () => {
  it("2001 (pmap.c r1.18): pmap_create sleeps and polls every hz/8 for ever; the daemon finds enough free", () => {
    const d = fragmented("2001");
    const create = d.run({ op: "pmap.create", pmap: 100 });
    expect(create.value).toEqual({ blocked: 1 });
    expect(effectsOf(d, "noAlignedRun", create.effects)).toEqual([
      { kind: "noAlignedRun", free: 576, largestFreeRun: 4, pagedaemon: "not woken: enough free" },
    ]);
    expect(d.run({ op: "pdaemon.run" }).effects).toEqual([
      { kind: "enoughFree", free: 576, freetarg: 68, largestFreeRun: 4, largestFreeOrder: 1 },
    ]);
    const at = polls(d, 1000);
    expect(new Set(gaps(at))).toEqual(new Set([12, 4])); // hz/8, cut short at each second (lbolt)
    expect(at).toHaveLength(90);
    d.run({ op: "tick", n: 100_000 });
    expect(d.l1View()).toMatchObject({ sleepers: 1, freePages: 576, largestAlignedFreeRun: 2 });
    expect(d.state.pdaemon.woke).toBe(1);
    expect(d.violations()).toEqual([]);
  });

  it("2003 (r1.130): backs off hz/8, hz/4, hz/2 … but &lbolt wakes it every second, so it never waits 8 s", () => {
    const d = fragmented("2003");
    expect(d.run({ op: "pmap.create", pmap: 100 }).value).toEqual({ blocked: 1 });
    const at = polls(d, 3000);
    expect(gaps(at).slice(0, 10)).toEqual([12, 12, 12, 12, 12, 12, 12, 4, 12, 25]);
    expect(Math.max(...gaps(at))).toBe(100);
    const old = fragmented("2001");
    old.run({ op: "pmap.create", pmap: 100 });
    expect(at.length).toBeLessThan(polls(old, 3000).length / 2);
    // Its way out is another process exiting: the L1 goes back on the static queue, the next poll takes it.
    const exit = d.run({ op: "pmap.destroy", pmap: 7 });
    expect(exit.effects).toEqual([{ kind: "l1Queued", queue: "static", l1: 28 }]);
    const woken = polls(d, 3100);
    expect(woken).toEqual([3100]);
    expect(d.l1View().counters).toMatchObject({ afterBackoff: 1, static: 65 });
    expect(d.violations()).toEqual([]);
  });

  it("2021 (uvm_pglist.c r1.90) with nothing reclaimable skips the aggressive path and polls like 2003", () => {
    const d = fragmented("2021");
    const create = d.run({ op: "pmap.create", pmap: 100 });
    expect(create.value).toEqual({ blocked: 1 });
    expect(effectsOf(d, "noAlignedRun", create.effects)).toEqual([
      { kind: "noAlignedRun", free: 576, largestFreeRun: 4, aggressive: "nothing reclaimable" },
    ]);
    expect(d.state.l1.counters.pagesHoarded).toBe(0);
  });

  it("2021 with paged content in every run: takes pages one by one, sleeps, and the daemon's evictions complete a run", () => {
    const d = fragmented("2021", { keepPaged: true });
    const free = d.state.ram.freePages;
    expect(d.run({ op: "pmap.create", pmap: 100 }).value).toEqual({ blocked: 1 });
    expect(d.l1View()).toMatchObject({ sleeping: { poll: 0, hoard: 1, lock: 0 }, hoarded: free - 5 });
    expect(d.state.pdaemon.wanted).toBe(true);
    const tick = d.run({ op: "tick" });
    const reclaimed = effectsOf(d, "reclaimed", tick.effects)[0] as unknown as { freed: number };
    const woken = effectsOf(d, "woken", tick.effects);
    expect(woken).toMatchObject([
      {
        kind: "woken",
        sleeper: 1,
        op: "pmap.create",
        pmap: 100,
        at: 1,
        attempts: 1,
        value: { from: "aggressive" },
      },
    ]);
    // S-L1-4: every unneeded marked page went back; free = before + evicted − the 4 of the table.
    expect(d.l1View()).toMatchObject({ hoarded: 0, sleepers: 0 });
    expect(d.state.ram.freePages).toBe(free + reclaimed.freed - 4);
    expect(d.violations()).toEqual([]);
  });

  it("2021 with idle anonymous pages in every run: the daemon's swap-out through the addrspace reclaimer completes one", () => {
    const d = fragmented("2021", { keepAnon: true });
    expect(d.run({ op: "pmap.create", pmap: 100 }).value).toEqual({ blocked: 1 });
    const tick = d.run({ op: "tick" }).effects ?? [];
    expect(effectsOf(d, "reclaimed", tick)).toEqual([
      { kind: "reclaimed", wanted: 63, freed: 63, free: 68, freetarg: 68 },
    ]);
    expect(effectsOf(d, "woken", tick)).toMatchObject([{ sleeper: 1, value: { from: "aggressive" } }]);
    expect(d.l1View()).toMatchObject({ hoarded: 0, sleepers: 0, freePages: 576 + 63 - 4 });
    expect(d.violations()).toEqual([]);
  });

  it("migrate (seed 002's brute force): moves the user page out of an aligned run and takes the run at once", () => {
    const d = fragmented("migrate");
    const create = d.run({ op: "pmap.create", pmap: 100 });
    expect(create.value).toEqual({ l1: 256, from: "migration" });
    expect(create.effects).toEqual([{ kind: "migrated", from: 256, to: 260 }]);
    const moved = frameEntry(d.state.ram, 260);
    expect([entryKind(moved), entryMovable(moved)]).toEqual([OwnerKind.Ram, true]);
    expect(d.l1View().counters).toMatchObject({ migration: 1, pagesMigrated: 1, retries: 0 });
    expect(d.violations()).toEqual([]);
  });

  it("migrate cannot move wired (unmovable) user pages: it sleeps and polls like 2001", () => {
    const d = fragmented("migrate", { movable: false });
    expect(d.run({ op: "pmap.create", pmap: 100 }).value).toEqual({ blocked: 1 });
    expect(d.l1View().counters.pagesMigrated).toBe(0);
  });
});
