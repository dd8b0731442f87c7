// Determinism across the whole kernel: every built-in workload gives the same outcomes and
// digests stepwise (immer, invariants after every event) and in bulk, and in another process.
import { join } from "node:path";
import { applyRevisionOverrides, kernelMachine, type KernelConfig, type KernelEvent } from "@pagefold/kernel";
import { Replayer, sameOutcome, step } from "@pagefold/engine";
import { workloads } from "@pagefold/traces";
import { describe, expect, it } from "vitest";
import { pagefold, scratch } from "../cli/run-cli.js";

const EVENTS = 1000;

/** The faithful 2006 address spaces break invariants on purpose; this suite runs the fixed ones. */
function fixedConfig(config: KernelConfig): KernelConfig {
  const fixed = applyRevisionOverrides(config, ["addrspace=fixed"]);
  if (!fixed.ok) throw new Error(fixed.message);
  return fixed.value;
}

describe.each(workloads.map((w) => [w.name, w] as const))("workload %s", (_name, workload) => {
  const options = { seed: 11, events: EVENTS };
  const config = fixedConfig(workload.config(options));
  const events: KernelEvent[] = [...workload.events(options)];

  it("gives the same outcomes and digests stepwise (immer) and in bulk, after every event", () => {
    let state = kernelMachine.init(config);
    const bulk = new Replayer(kernelMachine, state);
    for (const [i, event] of events.entries()) {
      const [next, stepped] = step(kernelMachine, state, event);
      state = next;
      const replayed = bulk.apply(event);
      if (!sameOutcome(stepped, replayed)) expect({ i, replayed }).toEqual({ i, replayed: stepped });
      if (i % 50 === 0 || i === events.length - 1)
        expect(bulk.digest().combined, `event ${i}`).toBe(kernelMachine.digest(state).combined);
    }
  });
});

describe("another process", () => {
  it("replays a recording to the same final digest as this one", () => {
    const dir = scratch();
    const file = join(dir, "forkstorm.pfr");
    expect(
      pagefold("record", "--workload", "forkstorm", "--events", "4000", "--seed", "3", "-o", file).status,
    ).toBe(0);
    const workload = workloads.find((w) => w.name === "forkstorm")!;
    const options = { seed: 3, events: 4000 };
    const here = new Replayer(kernelMachine, kernelMachine.init(workload.config(options)));
    for (const event of workload.events(options)) here.apply(event);
    const there = JSON.parse(pagefold("replay", file, "--json").stdout) as { finalDigest: string };
    expect(there.finalDigest).toBe(here.digest().combined);
  });
});
