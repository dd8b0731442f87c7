import { checkInvariants, err, ok } from "@pagefold/engine";
import { describe, expect, it } from "vitest";
import { configureKernel, kernelMachine, kernelOps, nextRandom } from "../src/index.js";
import { boot, codeOf, run } from "./helpers.js";

describe("kernelMachine.validate", () => {
  it("accepts well-formed events as they are", () => {
    const event = { op: "ram.alloc", pages: 4, align: 2, movable: true };
    expect(kernelMachine.validate(event)).toEqual({ ok: true, value: event });
    expect(kernelMachine.validate({ op: "tick" }).ok).toBe(true);
    expect(kernelOps).toEqual(expect.arrayContaining(["ram.alloc", "ram.free", "ram.migrate", "tick"]));
  });

  it.each([
    [{ op: "ram.aloc", pages: 1 }, "op", 'unknown op "ram.aloc"'],
    [{ op: "__proto__" }, "op", 'unknown op "__proto__"'],
    [{ op: "toString" }, "op", 'unknown op "toString"'],
    [{ pages: 1 }, "op", "is required"],
    [{ op: 7 }, "op", "must be a string"],
    ["ram.alloc", "", 'an event must be an object with an "op" field'],
    [null, "", 'an event must be an object with an "op" field'],
    [{ op: "ram.alloc" }, "pages", "is required"],
    [{ op: "ram.alloc", pages: -1 }, "pages", "must be an integer ≥ 0"],
    [{ op: "ram.alloc", pages: 1.5 }, "pages", "must be an integer ≥ 0"],
    [{ op: "ram.alloc", pages: "4" }, "pages", "must be an integer ≥ 0"],
    [{ op: "ram.alloc", pages: 1, align: -2 }, "align", "must be an integer ≥ 0"],
    [{ op: "ram.alloc", pages: 1, movable: "yes" }, "movable", "must be true or false"],
    [{ op: "ram.alloc", pages: 1, size: 4 }, "size", "is not a known field"],
    [{ op: "ram.free", pfn: 3 }, "pages", "is required"],
    [{ op: "ram.migrate", pfn: null }, "pfn", "must be an integer ≥ 0"],
    [{ op: "tick", n: 0 }, "n", "must be an integer ≥ 1"],
  ])("rejects %j at %s", (input, path, message) => {
    expect(kernelMachine.validate(input)).toEqual({ ok: false, path, message });
  });

  it("leaves values the kernel refuses to the reducer, as outcomes", () => {
    const state = boot(64);
    expect(codeOf(run(state, { op: "ram.alloc", pages: 0 }))).toBe("KErrArgument");
    expect(codeOf(run(state, { op: "ram.alloc", pages: 1, align: 99 }))).toBe("KErrArgument");
    expect(codeOf(run(state, { op: "ram.free", pfn: 1e9, pages: 1 }))).toBe("KErrArgument");
  });
});

describe("kernelMachine", () => {
  it("boots with the config's seed and an all-free RAM", () => {
    const state = boot(256, { seed: 7 });
    expect(state).toMatchObject({ panic: null, clock: 0, rng: 7 });
    expect(state.ram).toMatchObject({ totalPages: 256, freePages: 256, allocations: 0 });
    expect(checkInvariants(kernelMachine, state)).toEqual([]);
    expect(kernelMachine.invariants.map((i) => i.name).slice(0, 6)).toEqual([
      "kernel.clock",
      "kernel.config",
      "ram.layout",
      "ram.free-accounting",
      "ram.owners-agree",
      "ram.summary-tree",
    ]);
  });

  it("advances the logical clock with tick (default 1) and refuses to overflow it", () => {
    const state = boot(16);
    expect(run(state, { op: "tick" })).toEqual(ok());
    expect(run(state, { op: "tick", n: 41 })).toEqual(ok());
    expect(state.clock).toBe(42);
    expect(codeOf(run(state, { op: "tick", n: Number.MAX_SAFE_INTEGER }))).toBe("KErrOverflow");
    expect(state.clock).toBe(42);
  });

  it("answers an op it does not know without throwing", () => {
    const state = boot(16);
    expect(kernelMachine.reduce(state, { op: "ram.defrag" } as never)).toEqual(
      err("KErrNotSupported", 'unknown op "ram.defrag"'),
    );
  });

  it("steps the Symbian LCG kept in state", () => {
    const state = boot(16);
    let seed = 33333n;
    for (let i = 0; i < 3; i++) {
      seed = (seed * 69069n + 1n) % 2n ** 32n;
      expect(nextRandom(state)).toBe(Number(seed));
    }
    expect(state.rng).toBe(Number(seed));
  });
});

describe("kernelMachine.digest", () => {
  it("has a part per subsystem and one for clock and random state, and excludes the config", () => {
    const a = boot(64);
    const b = boot(64, { pager: { policy: "fifo" }, revisions: { l1: "2003" } });
    expect(Object.keys(kernelMachine.digest(a).parts)).toEqual(expect.arrayContaining(["kernel", "ram"]));
    expect(kernelMachine.digest(a)).toEqual(kernelMachine.digest(b));
    run(a, { op: "tick" });
    expect(kernelMachine.digest(a).parts["ram"]).toBe(kernelMachine.digest(b).parts["ram"]);
    expect(kernelMachine.digest(a).combined).not.toBe(kernelMachine.digest(b).combined);
  });

  it("is equal for equal states however they were reached", () => {
    const a = boot(128);
    const b = boot(128);
    run(a, { op: "ram.alloc", pages: 70 });
    run(a, { op: "ram.free", pfn: 0, pages: 70 });
    run(b, { op: "ram.alloc", pages: 1, movable: true });
    run(b, { op: "ram.migrate", pfn: 0 });
    run(b, { op: "ram.free", pfn: 1, pages: 1 });
    expect(kernelMachine.digest(a)).toEqual(kernelMachine.digest(b));
    expect(kernelMachine.digest(a)).not.toEqual(kernelMachine.digest(boot(128)));
  });
});

describe("kernelMachine.view", () => {
  it("shows the clock, the panic and each subsystem's view", () => {
    const state = boot(64);
    run(state, { op: "ram.alloc", pages: 2, movable: true });
    expect(kernelMachine.view(state)).toMatchObject({
      clock: 0,
      rng: 33333,
      panic: null,
      ram: {
        totalPages: 64,
        freePages: 62,
        usedPages: 2,
        allocations: 1,
        largestFreeRun: 62,
        largestFreeOrder: 5,
        freeBlocksPerOrder: [0, 1, 1, 1, 1, 1, 0],
        blocks: { "0": { pages: 2, owner: "ram", tag: 1, movable: true } },
      },
    });
  });
});

describe("kernelMachine.references", () => {
  const refs = kernelMachine.references!;

  it("says which frames allocations and migrations produce and which frees and migrations use", () => {
    expect(refs.produced({ op: "ram.alloc", pages: 4 }, ok({ pfn: 8 }))).toEqual([
      { kind: "frame", id: 8, span: 4 },
    ]);
    expect(refs.produced({ op: "ram.alloc", pages: 4 }, err("KErrNoMemory"))).toEqual([]);
    expect(refs.produced({ op: "ram.migrate", pfn: 9 }, ok({ from: 9, to: 2 }))).toEqual([
      { kind: "frame", id: 2, span: 1 },
    ]);
    expect(refs.referenced({ op: "ram.free", pfn: 8, pages: 4 })).toEqual([{ kind: "frame", id: 8 }]);
    expect(refs.referenced({ op: "ram.migrate", pfn: 9 })).toEqual([{ kind: "frame", id: 9 }]);
    expect(refs.referenced({ op: "tick" })).toEqual([]);
  });

  it("rewrites the frame an event refers to", () => {
    expect(refs.rewrite({ op: "ram.free", pfn: 8, pages: 4 }, [3])).toEqual({
      op: "ram.free",
      pfn: 3,
      pages: 4,
    });
    expect(refs.rewrite({ op: "ram.migrate", pfn: 9 }, [1])).toEqual({ op: "ram.migrate", pfn: 1 });
    expect(refs.rewrite({ op: "tick", n: 2 }, [])).toEqual({ op: "tick", n: 2 });
  });
});

describe("configure + init", () => {
  it("boots any valid config", () => {
    const checked = configureKernel({ ramPages: 48, arch: "x86" });
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(kernelMachine.init(checked.value).ram.totalPages).toBe(48);
  });
});
