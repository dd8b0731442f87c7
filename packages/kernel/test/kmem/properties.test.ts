import { applyEvent, cloneState, deepEqual, step } from "@pagefold/engine";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kernelMachine, type KernelEvent, type KernelState } from "../../src/index.js";
import { kmCommandArb, resolve, type Command } from "./commands.js";
import { Driver } from "./driver.js";

const streamArb = (length: number) =>
  fc.array(kmCommandArb, { minLength: 20, maxLength: length, size: "max" });
const ramArb = fc.constantFrom(32, 48, 64, 128);

/** Plays commands, calling `after` with each event, its outcome and the memory digest before it. */
function play(
  driver: Driver,
  commands: readonly Command[],
  after: (event: KernelEvent, ok: boolean, before: string) => void,
): void {
  for (const command of commands) {
    const event = resolve(command, driver);
    const before = driver.memoryDigest();
    const outcome = driver.run(event);
    after(event, outcome.ok, before);
  }
}

describe("kmem on generated streams", () => {
  it("2012: every invariant holds after every event, and a failed call leaves maps and RAM as they were", () => {
    fc.assert(
      fc.property(ramArb, streamArb(250), (ramPages, commands) => {
        const driver = new Driver(ramPages, { revisions: { kmem: "2012" } });
        play(driver, commands, (event, ok, before) => {
          expect(driver.violations(), JSON.stringify(event)).toEqual([]);
          if (!ok && event.op.startsWith("km."))
            expect(driver.memoryDigest(), JSON.stringify(event)).toBe(before);
        });
      }),
      { numRuns: 40 },
    );
  });

  /** Plays one 1998 stream, checking its failed calls; returns how many changed memory (the seed's defect). */
  const checkFailedCalls1998 = (ramPages: number, commands: Parameters<typeof play>[1]): number => {
    const driver = new Driver(ramPages);
    let defects = 0;
    play(driver, commands, (event, ok, before) => {
      const changed = !ok && event.op.startsWith("km.") && driver.memoryDigest() !== before;
      if (changed) {
        expect(["km.kmemalloc", "km.poolpageAlloc"]).toContain(event.op);
        expect(driver.state.kmem.counters.failures).toBeGreaterThan(0);
        defects++;
      }
      const broken = driver.violations();
      if (defects === 0) expect(broken, JSON.stringify(event)).toEqual([]);
      else
        expect(broken.every((v) => v.startsWith("kmem.owned") || v.startsWith("kmem.object-offsets"))).toBe(
          true,
        );
    });
    return defects;
  };

  it("1998: the only failed calls that change memory are NOWAIT shortages after some pages, and kmem.owned reports them", () => {
    fc.assert(
      fc.property(ramArb, streamArb(250), (ramPages, commands) => {
        checkFailedCalls1998(ramPages, commands);
      }),
      { numRuns: 40 },
    );
  });

  it("1998: generated streams do reach the seed's NOWAIT defect (a fixed sample, so it cannot flake)", () => {
    const samples = fc.sample(fc.tuple(ramArb, streamArb(250)), { numRuns: 40, seed: 1998 });
    expect(
      samples.reduce((n, [ramPages, commands]) => n + checkFailedCalls1998(ramPages, commands), 0),
    ).toBeGreaterThan(0);
  });

  it("bulk replay on a private copy = stepwise immer replay (outcomes and digests)", () => {
    fc.assert(
      fc.property(ramArb, streamArb(120), (ramPages, commands) => {
        const driver = new Driver(ramPages, { revisions: { kmem: "2012" } });
        const events: KernelEvent[] = [];
        play(driver, commands, (event) => void events.push(event));
        const initial = new Driver(ramPages, { revisions: { kmem: "2012" } }).state;
        const bulk = cloneState(initial);
        let stepped: KernelState = initial;
        for (const event of events) {
          const expected = applyEvent(kernelMachine, bulk, event);
          const [next, outcome] = step(kernelMachine, stepped, event);
          expect(deepEqual(outcome, expected), JSON.stringify(event)).toBe(true);
          expect(kernelMachine.digest(next).combined).toBe(kernelMachine.digest(bulk).combined);
          stepped = next;
        }
        expect(deepEqual(stepped, driver.state)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});
