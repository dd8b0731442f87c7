import { checkInvariants, deepEqual, Replayer, type Outcome } from "@pagefold/engine";
import { kernelMachine, type KernelEvent } from "@pagefold/kernel";
import { describe, expect, it } from "vitest";
import { generatePagingWorkload, pagingWorkload, pagingWorkloadConfig } from "../src/index.js";

describe("paging workload", () => {
  it("is the same stream for the same seed, lazily or at once, and differs across seeds", () => {
    const options = { seed: 42, events: 2000, ramPages: 4096 };
    const whole = generatePagingWorkload(options);
    expect(Array.from(pagingWorkload(options))).toEqual(whole.events);
    expect(whole.config).toEqual(pagingWorkloadConfig(options));
    expect(deepEqual(whole.events, generatePagingWorkload({ ...options, seed: 43 }).events)).toBe(false);
  });

  it("pages in, ages, rejuvenates and steals pages, allocates and steals page tables, invariants holding", () => {
    const { config, events } = generatePagingWorkload({ seed: 7, events: 30_000, ramPages: 4096 });
    const replayer = new Replayer(kernelMachine, kernelMachine.init(config));
    const seen = new Map<string, number>();
    const count = (key: string): void => void seen.set(key, (seen.get(key) ?? 0) + 1);
    events.forEach((event: KernelEvent, i) => {
      expect(kernelMachine.validate(event).ok).toBe(true);
      const outcome: Outcome = replayer.apply(event);
      count(
        outcome.ok
          ? `${event.op} ${(outcome.value as { kind?: string } | undefined)?.kind ?? "ok"}`
          : `${event.op} ${outcome.code}`,
      );
      for (const effect of outcome.effects ?? []) count(effect.kind);
      if (i % 5000 === 0) expect(replayer.violations()).toEqual([]);
    });
    expect(checkInvariants(kernelMachine, replayer.peek())).toEqual([]);
    expect(replayer.peek().panic).toBeNull();
    for (const key of [
      "page.access pagein",
      "page.access hit",
      "page.access rejuvenate",
      "aged",
      "steal",
      "pt.alloc ok",
      "pt-page-freed",
      "pt.steal KErrCompletion",
      "cleaned",
    ])
      expect(seen.get(key) ?? 0, key).toBeGreaterThan(0);
  });
});
