import { describe, expect, it } from "vitest";
import { fragmentedArm, Scenario } from "./scenario.js";

/**
 * KERNEL-SOURCES.md §2.5, NB-L1-1, -2 and -4 (derived from arm32/pmap.c and uvm_pglist.c; there
 * is no upstream test). NB-L1-3, the domain-sharing pmap of 2003–2013, is not one of the modelled
 * revisions.
 */
const polls = (s: Scenario, until: number): number[] => {
  const at: number[] = [];
  while (s.state.clock < until)
    if (s.run({ op: "tick" }).effects?.some((e) => e.kind === "l1Retry")) at.push(s.state.clock);
  return at;
};

describe("NB-L1-1: fragmentation starvation", () => {
  it("pmap_create does not return; the page daemon is not woken (free >= freetarg); r1.130 retries at hz/8, hz/4 …", () => {
    const s = fragmentedArm("2003");
    const create = s.run({ op: "pmap.create", pmap: 64 });
    expect(create.value).toEqual({ blocked: 1 });
    expect(create.effects).toContainEqual(
      expect.objectContaining({ kind: "noAlignedRun", pagedaemon: "not woken: enough free" }),
    );
    const at = polls(s, 400);
    expect(at.slice(0, 9)).toEqual([12, 24, 36, 48, 60, 72, 84, 96, 100]);
    expect(at.slice(9, 13)).toEqual([112, 137, 162, 187]);
    expect(s.state.pdaemon.woke).toBe(0);
    // Not "up to 8·hz" as the timeouts suggest: the sleep is on &lbolt, woken every second.
    expect(Math.max(...polls(s, 5000).map((t, i, a) => (i === 0 ? 0 : t - a[i - 1]!)))).toBe(100);
  });

  it("a process exit that frees an L1 (static queue) lets it proceed", () => {
    const s = fragmentedArm("2001");
    s.run({ op: "pmap.create", pmap: 64 });
    s.run({ op: "pmap.destroy", pmap: 9 });
    const woken = s.run({ op: "tick", n: 12 }).effects?.find((e) => e.kind === "woken");
    expect(woken).toMatchObject({ op: "pmap.create", pmap: 64, value: { from: "static" } });
    expect(s.broken()).toEqual([]);
  });
});

describe("NB-L1-2: the reuse queue cap", () => {
  it("10 destroyed non-static L1s: 8 queued, 2 freed; creates take static, then reuse, then fresh", () => {
    const s = new Scenario({ ramPages: 1024 });
    for (let pmap = 0; pmap < 74; pmap++) s.run({ op: "pmap.create", pmap });
    const kinds = Array.from(
      { length: 10 },
      (_, i) => s.run({ op: "pmap.destroy", pmap: 64 + i }).effects![0]!.kind,
    );
    expect(kinds).toEqual([...Array<string>(8).fill("l1Queued"), "l1Freed", "l1Freed"]);
    s.run({ op: "pmap.destroy", pmap: 0 });
    const from = [80, 81, 82].map(
      (pmap) => (s.run({ op: "pmap.create", pmap }).value as { from: string }).from,
    );
    expect(from).toEqual(["static", "reuse", "reuse"]);
  });
});

describe("NB-L1-4: aggressive contiguous allocation (r1.90, waitok)", () => {
  it("succeeds by draining single pages until a marked aligned run appears; the free count is restored but for the 4 pages", () => {
    const s = new Scenario({
      ramPages: 1024,
      revisions: { l1: "2021" },
      pager: { minPages: 16, maxPages: 900 },
    });
    for (let pmap = 0; pmap < 64; pmap++) s.run({ op: "pmap.create", pmap });
    for (let page = 0; s.state.ram.freePages > 0; page++) s.run({ op: "page.access", page });
    const pages = s.state.pager.numberOfFreePages;
    expect(s.run({ op: "pmap.create", pmap: 64 }).value).toEqual({ blocked: 1 });
    const tick = s.run({ op: "tick" });
    expect(tick.effects).toContainEqual(
      expect.objectContaining({
        kind: "woken",
        value: expect.objectContaining({ from: "aggressive" }) as unknown,
      }),
    );
    const reclaimed = tick.effects!.find((e) => e.kind === "reclaimed") as unknown as { freed: number };
    expect(s.state.ram.freePages).toBe(reclaimed.freed - 4);
    expect(s.state.l1.hoarded).toBe(0);
    expect(pages).toBeGreaterThan(0);
    expect(s.broken()).toEqual([]);
  });
});
