import { describe, expect, it } from "vitest";
import {
  applyRevisionOverrides,
  configureKernel,
  defaultConfig,
  kernelMachine,
  mergeConfig,
} from "../src/index.js";

describe("configureKernel", () => {
  it("fills the EVENTS.md defaults", () => {
    expect(configureKernel({})).toEqual({ ok: true, value: defaultConfig });
    expect(configureKernel(undefined)).toEqual({ ok: true, value: defaultConfig });
    expect(defaultConfig).toEqual({
      arch: "arm",
      ramPages: 16384,
      pager: {
        minPages: 256,
        maxPages: 1024,
        youngOldRatio: 3,
        oldOldestRatio: 3,
        maxOldestPages: 32,
        policy: "live-list",
      },
      revisions: { pagetables: "2009", kmem: "1998", addrspace: "2006", l1: "2001" },
      seed: 33333,
    });
    expect(kernelMachine.configure({ ramPages: 64 })).toEqual(configureKernel({ ramPages: 64 }));
  });

  it("merges partial pager and revisions objects over the defaults", () => {
    const checked = configureKernel({
      arch: "x86",
      pager: { policy: "lru", maxPages: 2048 },
      revisions: { l1: "migrate", pager: "2010" },
    });
    expect(checked.ok && checked.value).toMatchObject({
      arch: "x86",
      pager: { minPages: 256, maxPages: 2048, policy: "lru" },
      revisions: { pagetables: "2009", l1: "migrate", pager: "2010" },
    });
  });

  it.each([
    [{ ramPages: 1000 }, "ramPages", "must be an integer from 16 to 4194304, a multiple of 16"],
    [{ ramPages: 8 }, "ramPages", "must be an integer from 16 to 4194304, a multiple of 16"],
    [{ ramPages: "16384" }, "ramPages", "must be an integer from 16 to 4194304, a multiple of 16"],
    [{ colour: "blue" }, "colour", "is not a known field"],
    [{ pager: { minPages: 10, shrink: true } }, "pager.shrink", "is not a known field"],
    [{ pager: { policy: "random" } }, "pager.policy", 'must be one of "live-list", "lru", "fifo", "clock"'],
    [{ pager: { minPages: 2000 } }, "pager.maxPages", "must be ≥ pager.minPages (2000)"],
    [{ revisions: { l1: "1999" } }, "revisions.l1", 'must be one of "2001", "2003", "2021", "migrate"'],
    [{ revisions: { vm: "1" } }, "revisions.vm", "is not a known field"],
    [{ seed: -1 }, "seed", "must be an integer from 0 to 4294967295"],
    [{ arch: "mips" }, "arch", 'must be one of "arm", "x86"'],
    [null, "", "must be an object"],
    [[], "", "must be an object"],
    [{ ["__proto__"]: { ramPages: 16 } }, "__proto__", "is not a known field"],
  ])("rejects %j at %s", (input, path, message) => {
    const parsed: unknown = JSON.parse(JSON.stringify(input));
    expect(configureKernel(parsed)).toEqual({ ok: false, path, message });
  });

  it("layers a config file over a base config", () => {
    const base = configureKernel({ ramPages: 1024, revisions: { l1: "2003" } });
    if (!base.ok) throw new Error(base.message);
    const merged = mergeConfig(base.value, { revisions: { kmem: "2012" } });
    expect(merged.ok && merged.value.revisions).toEqual({
      pagetables: "2009",
      kmem: "2012",
      addrspace: "2006",
      l1: "2003",
    });
    expect(merged.ok && merged.value.ramPages).toBe(1024);
  });
});

describe("applyRevisionOverrides", () => {
  it("applies --revision SUBSYSTEM=REV in order", () => {
    const checked = applyRevisionOverrides(defaultConfig, ["pagetables=2010", "l1=2021", "l1=migrate"]);
    expect(checked.ok && checked.value.revisions).toEqual({
      pagetables: "2010",
      kmem: "1998",
      addrspace: "2006",
      l1: "migrate",
    });
    expect(defaultConfig.revisions.pagetables).toBe("2009");
  });

  it("names unknown subsystems, unknown revisions and malformed overrides", () => {
    expect(applyRevisionOverrides(defaultConfig, ["vm=2010"])).toEqual({
      ok: false,
      path: "revisions",
      message: 'unknown subsystem "vm" (known: pagetables, pager, kmem, addrspace, l1)',
    });
    expect(applyRevisionOverrides(defaultConfig, ["l1=2002"])).toEqual({
      ok: false,
      path: "revisions.l1",
      message: 'unknown revision "2002" for l1 (known: 2001, 2003, 2021, migrate)',
    });
    expect(applyRevisionOverrides(defaultConfig, ["l1"])).toMatchObject({ ok: false, path: "revisions" });
  });
});
