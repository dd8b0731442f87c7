/**
 * The reference model (as.create produces an address-space id, every other op refers to it, and
 * as.map to its frame): ddmin shrinks a seed panic found by the churn workload to a handful of
 * events in which every address space named was created first.
 */
import { firstHit, minimize } from "@pagefold/engine";
import { describe, expect, it } from "vitest";
import { kernelMachine, type KernelEvent } from "@pagefold/kernel";
import { generateAddrspaceChurn } from "@pagefold/traces";

describe("minimizing an addrspace run", () => {
  it("keeps the as.create of every address space the minimized events name", () => {
    const { config, events } = generateAddrspaceChurn({ seed: 11, events: 400, ramPages: 512 });
    const initial = kernelMachine.init(config);
    const hit = firstHit(kernelMachine, initial, events, { kind: "panic" });
    expect(hit).toBeGreaterThan(0);
    const result = minimize(kernelMachine, initial, events, { kind: "panic" }, { maxTests: 3000 });
    expect(result.events.length).toBeLessThan(20);
    expect(result.complete).toBe(true);
    expect(result.events.length).toBeLessThan(hit! + 1);
    expect(firstHit(kernelMachine, initial, result.events, { kind: "panic" })).toBe(result.events.length - 1);
    const created = new Set<number>();
    for (const event of result.events) {
      for (const as of namedSpaces(event)) expect(created.has(as), JSON.stringify(result.events)).toBe(true);
      if (event.op === "as.create") created.add(event.as);
    }
  });
});

function namedSpaces(event: KernelEvent): number[] {
  if (event.op === "area.share") return [event.srcAs, event.dstAs];
  if (event.op === "as.create" || !("as" in event) || typeof event.as !== "number") return [];
  return [event.as];
}
