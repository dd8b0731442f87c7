/**
 * HelenOS uspace/app/tester/mm/mapping1.c (KERNEL-SOURCES.md §3.5): two anonymous areas of 4 and
 * 2 pages are touched; as_get_physical_mapping answers EOK for every page; after
 * as_area_destroy(buffer1) it answers ENOENT for every page of buffer1; buffer2 is destroyed.
 * Replayed step by step (every invariant checked after every event) in both revisions.
 */
import { step } from "@pagefold/engine";
import { frameOwner, kernelMachine, type KernelState } from "@pagefold/kernel";
import { describe, expect, it } from "vitest";
import { codeOf, loadScenario } from "./scenario.js";

describe("tester mapping1", () => {
  it.each(["2006", "fixed"] as const)("revision %s: EOK for every page, ENOENT after the destroy", (rev) => {
    const { config, events } = loadScenario("mapping1", rev);
    let state: KernelState = kernelMachine.init(config);
    const lookups: string[] = [];
    const frames = new Set<number>();
    for (const event of events) {
      const [next, outcome] = step(kernelMachine, state, event);
      state = next;
      if (event.op === "as.lookup") {
        lookups.push(codeOf(outcome));
        if (outcome.ok) frames.add((outcome.value as { pfn: number }).pfn);
      } else {
        expect(outcome.ok, `${JSON.stringify(event)} → ${JSON.stringify(outcome)}`).toBe(true);
      }
    }
    expect(lookups).toEqual([...Array<string>(6).fill("ok"), ...Array<string>(4).fill("ENOENT")]);
    // Six distinct anonymous frames, all back in ram at the end.
    expect(frames.size).toBe(6);
    for (const pfn of frames) expect(frameOwner(state.ram, pfn)).toBeNull();
    expect(state.ram.freePages).toBe(config.ramPages);
  });
});
