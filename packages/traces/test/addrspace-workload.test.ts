import { applyEvent, checkInvariants, deepEqual } from "@pagefold/engine";
import { applyRevisionOverrides, kernelMachine } from "@pagefold/kernel";
import { describe, expect, it } from "vitest";
import { addrspaceChurn, addrspaceChurnConfig, generateAddrspaceChurn } from "../src/index.js";

describe("addrspace churn workload", () => {
  it("the same seed gives the same stream, lazily or at once; another seed another stream", () => {
    const options = { seed: 3, events: 2000, ramPages: 512 };
    const whole = generateAddrspaceChurn(options);
    expect(Array.from(addrspaceChurn(options))).toEqual(whole.events);
    expect(whole.config).toEqual(addrspaceChurnConfig(options));
    expect(whole.config.revisions.addrspace).toBe("2006");
    expect(deepEqual(generateAddrspaceChurn({ ...options, seed: 4 }).events, whole.events)).toBe(false);
  });

  it('in revision "fixed" it never panics, keeps every invariant and reaches every kind of answer', () => {
    const { config, events } = generateAddrspaceChurn({
      seed: 11,
      events: 12_000,
      ramPages: 512,
      revision: "fixed",
    });
    const state = kernelMachine.init(config);
    const codes: Record<string, number> = {};
    let pageouts = 0;
    events.forEach((event, i) => {
      expect(kernelMachine.validate(event)).toEqual({ ok: true, value: event });
      const outcome = applyEvent(kernelMachine, state, event);
      const code = `${event.op} ${outcome.ok ? "ok" : outcome.code}`;
      codes[code] = (codes[code] ?? 0) + 1;
      pageouts += (outcome.effects ?? []).filter((effect) => effect.kind === "as.pageout").length;
      if (i % 50 === 0) expect(checkInvariants(kernelMachine, state), `after event ${i}`).toEqual([]);
    });
    expect(state.panic).toBeNull();
    expect(checkInvariants(kernelMachine, state)).toEqual([]);
    for (const code of [
      "as.fault ok",
      "as.fault AS_PF_FAULT",
      "area.create ok",
      "area.create EADDRNOTAVAIL",
      "area.resize ok",
      "area.resize EADDRNOTAVAIL",
      "area.resize EPERM",
      "area.resize ENOTSUP",
      "area.share ok",
      "area.share EPERM",
      "area.destroy ok",
      "as.destroy ok",
      "as.switch ok",
      "pdaemon.run ok",
    ]) {
      expect(codes[code] ?? 0, code).toBeGreaterThan(0);
    }
    // Memory ran short: the page daemon took anonymous pages back.
    expect(pageouts).toBeGreaterThan(0);
  });

  it("does not depend on the revision it is generated for; under the seed's 2006 it soon breaks", () => {
    const seed = generateAddrspaceChurn({ seed: 11, events: 3000, ramPages: 512 });
    const fixed = generateAddrspaceChurn({ seed: 11, events: 3000, ramPages: 512, revision: "fixed" });
    expect(fixed.events).toEqual(seed.events);
    expect(applyRevisionOverrides(seed.config, ["addrspace=fixed"])).toEqual({
      ok: true,
      value: fixed.config,
    });
    const state = kernelMachine.init(seed.config);
    const broken = seed.events.findIndex((event) => {
      applyEvent(kernelMachine, state, event);
      return state.panic !== null || checkInvariants(kernelMachine, state).length > 0;
    });
    expect(broken).toBeGreaterThan(0);
  });
});
