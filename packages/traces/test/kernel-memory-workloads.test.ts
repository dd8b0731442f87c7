import { checkInvariants, PagefoldError, Replayer } from "@pagefold/engine";
import { kernelMachine, l1View, type KernelEvent } from "@pagefold/kernel";
import { describe, expect, it } from "vitest";
import { forkStorm, generateForkStorm, generateKmemMix, kmemMix } from "../src/index.js";

/** Replays `events`, checking every invariant every 250 events; returns the final state. */
function replayChecked(config: Parameters<typeof kernelMachine.init>[0], events: readonly KernelEvent[]) {
  const replayer = new Replayer(kernelMachine, kernelMachine.init(config));
  events.forEach((event, i) => {
    replayer.apply(event);
    if (i % 250 === 0) expect(checkInvariants(kernelMachine, replayer.peek())).toEqual([]);
  });
  return replayer.peek();
}

describe("the fork storm", () => {
  it("is the same stream for the same seed, lazily or at once", () => {
    const options = { seed: 3, events: 2000, ramPages: 1024, processes: 80 };
    const whole = generateForkStorm(options);
    expect(Array.from(forkStorm(options))).toEqual(whole.events);
    expect(generateForkStorm(options)).toEqual(whole);
    expect(generateForkStorm({ ...options, seed: 4 }).events).not.toEqual(whole.events);
  });

  it("polls for L1s under 2001 while pages are free; migrate ends with every fork done, invariants holding", () => {
    const options = { seed: 7, events: 9000, ramPages: 2048, processes: 120 };
    const old = generateForkStorm({ ...options, l1: "2001" });
    const stalled = l1View(replayChecked(old.config, old.events));
    expect(stalled.counters.retries).toBeGreaterThan(0);
    expect(stalled.counters.fresh).toBeGreaterThan(0);
    const moved = generateForkStorm({ ...options, l1: "migrate" });
    const state = replayChecked(moved.config, moved.events);
    expect(l1View(state).sleepers).toBe(0);
    expect(l1View(state).counters.retries).toBeLessThan(stalled.counters.retries / 4);
    expect(l1View(state).counters.pagesMigrated).toBeGreaterThan(0);
    expect(state.panic).toBeNull();
  });

  it("refuses bad options as usage errors", () => {
    expect(() => generateForkStorm({ seed: 1.5, events: 1 })).toThrow(PagefoldError);
    expect(() => generateForkStorm({ seed: 1, events: 1, ramPages: 100 })).toThrow(/ramPages/);
  });
});

describe("the kernel-memory mix", () => {
  it("is deterministic, fragments RAM with kernel pages and sleeps in valloc_wait, invariants holding", () => {
    const options = { seed: 11, events: 6000, ramPages: 1024, kmem: "2012" as const };
    const whole = generateKmemMix(options);
    expect(Array.from(kmemMix(options))).toEqual(whole.events);
    const state = replayChecked(whole.config, whole.events);
    expect(state.kmem.counters.sleeps).toBeGreaterThan(0);
    expect(state.kmem.counters.wakeups).toBeGreaterThan(0);
    expect(state.ram.freePages).toBeLessThan(1024 * 0.35);
  });
});
