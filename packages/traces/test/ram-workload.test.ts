import {
  applyEvent,
  checkInvariants,
  cloneState,
  deepEqual,
  PagefoldError,
  step,
  type Outcome,
} from "@pagefold/engine";
import { kernelMachine, type KernelEvent } from "@pagefold/kernel";
import { describe, expect, it } from "vitest";
import { generateRamWorkload, ramWorkload, ramWorkloadConfig, type RamProfile } from "../src/index.js";

const profiles: readonly RamProfile[] = ["mixed", "steady", "fragmenting"];

describe("ram workloads", () => {
  it.each(profiles)(
    "%s: the same seed gives the same stream, lazily or at once, however often iterated",
    (profile) => {
      const options = { seed: 42, events: 3000, ramPages: 1024, profile };
      const whole = generateRamWorkload(options);
      const lazy = ramWorkload(options);
      expect(Array.from(lazy)).toEqual(whole.events);
      expect(Array.from(lazy)).toEqual(whole.events);
      expect(generateRamWorkload(options)).toEqual(whole);
      expect(whole.config).toEqual(ramWorkloadConfig(options));
      expect(whole.events).toHaveLength(3000);
    },
  );

  it.each(profiles)("%s: different seeds give different streams", (profile) => {
    const a = generateRamWorkload({ seed: 1, events: 500, ramPages: 1024, profile });
    const b = generateRamWorkload({ seed: 2, events: 500, ramPages: 1024, profile });
    expect(deepEqual(a.events, b.events)).toBe(false);
  });

  it.each(profiles)(
    "%s: every event validates, frees and migrations name real frames, invariants hold",
    (profile) => {
      const { config, events } = generateRamWorkload({ seed: 7, events: 20_000, ramPages: 4096, profile });
      const state = kernelMachine.init(config);
      const codes: Record<string, number> = {};
      let maxOccupancy = 0;
      for (const event of events) {
        expect(kernelMachine.validate(event)).toEqual({ ok: true, value: event });
        const outcome = applyEvent(kernelMachine, state, event);
        const code = outcome.ok ? `${event.op} ok` : `${event.op} ${outcome.code}`;
        codes[code] = (codes[code] ?? 0) + 1;
        maxOccupancy = Math.max(maxOccupancy, 1 - state.ram.freePages / 4096);
      }
      expect(checkInvariants(kernelMachine, state)).toEqual([]);
      expect(maxOccupancy).toBeLessThan(0.92);
      expect(codes["ram.alloc ok"]).toBeGreaterThan(5000);
      expect(codes["ram.free ok"]).toBeGreaterThan(5000);
      expect(codes["ram.migrate ok"]).toBeGreaterThan(100);
      if (profile !== "mixed") expect(codes["ram.free KErrArgument"] ?? 0).toBe(0);
      if (profile === "mixed") {
        for (const code of [
          "ram.alloc KErrArgument",
          "ram.free KErrArgument",
          "ram.migrate KErrNotSupported",
        ]) {
          expect(codes[code], code).toBeGreaterThan(0);
        }
      }
    },
  );

  it("fragmenting: L1-style allocations fail while plenty of RAM is free (the NetBSD L1 problem)", () => {
    const { config, events } = generateRamWorkload({
      seed: 5,
      events: 20_000,
      ramPages: 4096,
      profile: "fragmenting",
    });
    const state = kernelMachine.init(config);
    let starved = 0;
    for (const event of events) {
      const free = state.ram.freePages;
      const outcome = kernelMachine.reduce(state, event);
      if (!outcome.ok && event.op === "ram.alloc" && event.pages === 4 && free > 4096 / 10) starved++;
    }
    expect(starved).toBeGreaterThan(0);
  });

  it("replays the same stepwise (immer) as in bulk", () => {
    const { config, events } = generateRamWorkload({
      seed: 11,
      events: 1500,
      ramPages: 512,
      profile: "mixed",
    });
    const bulk = kernelMachine.init(config);
    const bulkOutcomes = events.map((event: KernelEvent) => applyEvent(kernelMachine, bulk, event));
    let state = cloneState(kernelMachine.init(config));
    events.forEach((event, i) => {
      let outcome: Outcome;
      [state, outcome] = step(kernelMachine, state, event);
      expect(outcome).toEqual(bulkOutcomes[i]);
    });
    expect(kernelMachine.digest(state)).toEqual(kernelMachine.digest(bulk));
  });

  it("streams long runs without holding them", () => {
    let count = 0;
    for (const event of ramWorkload({ seed: 9, events: 200_000, profile: "steady" }))
      if (event.op === "ram.alloc") count++;
    expect(count).toBeGreaterThan(80_000);
  });

  it("rejects bad options with a usage error naming the field", () => {
    expect(() => ramWorkloadConfig({ seed: 1, events: -1 })).toThrow(PagefoldError);
    expect(() => ramWorkloadConfig({ seed: 1.5, events: 1 })).toThrow(/seed/);
    expect(() => ramWorkloadConfig({ seed: 1, events: 1, ramPages: 1000 })).toThrow(
      /ramPages must be an integer from 16/,
    );
    expect(() => ramWorkloadConfig({ seed: 1, events: 1, profile: "bursty" as RamProfile })).toThrow(
      /profile/,
    );
  });
});
