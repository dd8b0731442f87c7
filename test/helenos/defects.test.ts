/**
 * The seed's defects, one scenario each (scenarios/*.jsonl, whose comments tell the story): what
 * revision 2006 answers, what "fixed" (the later HelenOS commits) answers, where compareRuns sees
 * the two part, and which invariants the 2006 state breaks. "fixed" replays step by step with
 * every invariant checked after every event (test/setup.ts), so none breaks there.
 */
import { applyEvent, checkInvariants, compareRuns, step } from "@pagefold/engine";
import { kernelMachine, type KernelState } from "@pagefold/kernel";
import { describe, expect, it } from "vitest";
import { codeOf, loadScenario } from "./scenario.js";

interface Defect {
  readonly scenario: string;
  /** The HelenOS commits revision "fixed" follows for it. */
  readonly fixes: string;
  readonly seed: readonly string[];
  readonly fixed: readonly string[];
  /** First event where the revisions differ: in the outcome (incl. effects) or only in the state. */
  readonly parts: { readonly at: number; readonly kind: "outcome" | "state" };
  /** The invariants revision 2006 breaks right after some events (none before the first of them). */
  readonly breaks?: ReadonlyArray<{ readonly after: number; readonly invariants: readonly string[] }>;
}

const ok = (n: number): string[] => Array<string>(n).fill("ok");

const defects: readonly Defect[] = [
  {
    scenario: "destroy-other-as",
    fixes: "f1d1f5d3d6",
    seed: [...ok(4), "AS_PF_OK", "AS_PF_OK", "ok", "ok", "DEADLOCK", "ok"],
    fixed: [...ok(4), "AS_PF_OK", "AS_PF_OK", "ok", "ok", "AS_PF_FAULT", "ok"],
    parts: { at: 7, kind: "outcome" },
    breaks: [
      {
        after: 7,
        invariants: ["addrspace.areas", "addrspace.used-mapped", "addrspace.frames", "addrspace.mutexes"],
      },
    ],
  },
  {
    scenario: "recreate-area",
    fixes: "8b3bff5d1a",
    seed: [...ok(4), "EADDRNOTAVAIL", "PANIC"],
    fixed: [...ok(3), "ENOENT", "ok", "ok"],
    parts: { at: 2, kind: "state" },
  },
  {
    scenario: "refault-stale-key",
    fixes: "8b3bff5d1a",
    seed: ["ok", "ok", "AS_PF_OK", "ok", "ok", "PANIC", "HALTED"],
    fixed: ["ok", "ok", "AS_PF_OK", "ok", "ok", "AS_PF_OK", "ok"],
    parts: { at: 5, kind: "outcome" },
    breaks: [{ after: 5, invariants: ["addrspace.used-mapped", "addrspace.frames"] }],
  },
  {
    scenario: "lost-used-page",
    fixes: "a6cb8cb97c",
    seed: ["ok", "ok", "AS_PF_OK", "ok", "ok", "AS_PF_OK", "ok", "ok"],
    fixed: ["ok", "ok", "AS_PF_OK", "ok", "ok", "AS_PF_OK", "ok", "ENOENT"],
    parts: { at: 5, kind: "state" },
    breaks: [{ after: 5, invariants: ["addrspace.used-mapped", "addrspace.frames"] }],
  },
  {
    scenario: "write-read-only",
    fixes: "fb8445570d",
    seed: ["ok", "ok", "AS_PF_OK", "AS_PF_OK", "AS_PF_OK", "AS_PF_OK"],
    fixed: ["ok", "ok", "AS_PF_FAULT", "AS_PF_FAULT", "AS_PF_DEFER", "AS_PF_OK"],
    parts: { at: 2, kind: "outcome" },
  },
  {
    scenario: "shared-frame-refs",
    fixes: "f9b2f30587",
    seed: [...ok(3), "AS_PF_OK", "ok", "AS_PF_OK", "ok", "ok", "PANIC"],
    fixed: [...ok(3), "AS_PF_OK", "ok", "AS_PF_OK", "ok", "ok", "ok"],
    parts: { at: 4, kind: "state" },
    breaks: [
      { after: 4, invariants: ["addrspace.frames"] },
      { after: 6, invariants: ["addrspace.frames"] },
    ],
  },
  {
    scenario: "share-thrice",
    fixes: "c0697c4cce",
    seed: [...ok(4), "AS_PF_OK", "ok", "PANIC", "HALTED"],
    fixed: [...ok(4), "AS_PF_OK", "ok", "ok", "AS_PF_OK"],
    parts: { at: 5, kind: "state" },
    breaks: [
      { after: 5, invariants: ["addrspace.frames"] },
      { after: 6, invariants: ["addrspace.share-refcount", "addrspace.frames"] },
    ],
  },
  {
    scenario: "pagemap-workaround",
    fixes: "6461d28674",
    seed: [...ok(3), "AS_PF_OK", "ok", "AS_PF_OK", "ok", "PANIC"],
    fixed: [...ok(3), "AS_PF_OK", "ok", "AS_PF_OK", "ok", "ok"],
    parts: { at: 4, kind: "state" },
    breaks: [
      { after: 4, invariants: ["addrspace.frames"] },
      { after: 5, invariants: ["addrspace.share-frames", "addrspace.frames"] },
    ],
  },
  {
    scenario: "as-free-leak",
    fixes: "482826d754, 31e8ddd364",
    seed: [...ok(4), "AS_PF_OK", ...ok(6)],
    fixed: [...ok(4), "AS_PF_OK", ...ok(6)],
    parts: { at: 6, kind: "outcome" },
    breaks: [{ after: 6, invariants: ["addrspace.frames", "addrspace.asid"] }],
  },
  {
    scenario: "resize-shootdown",
    fixes: "8440473178, eeb2bde2cd",
    seed: [...ok(5), "AS_PF_OK", "ok"],
    fixed: [...ok(5), "AS_PF_OK", "ok"],
    parts: { at: 6, kind: "outcome" },
  },
  {
    scenario: "grow-self-lock",
    fixes: "0b378820b4",
    seed: [...ok(34), "DEADLOCK", "DEADLOCK"],
    fixed: [...ok(35), "AS_PF_OK"],
    parts: { at: 34, kind: "outcome" },
    breaks: [{ after: 34, invariants: ["addrspace.mutexes"] }],
  },
  {
    scenario: "wrapping-area",
    fixes: "947958124a, 0941e9aef8, 57355a400e",
    seed: ["ok", "ok", "AS_PF_OK"],
    fixed: ["ok", "EINVAL", "AS_PF_FAULT"],
    parts: { at: 1, kind: "outcome" },
    breaks: [{ after: 1, invariants: ["addrspace.areas"] }],
  },
];

describe("seed defects: revision 2006 against fixed", () => {
  it.each(defects.map((d) => [`${d.scenario} (${d.fixes})`, d] as const))("%s", (_name, defect) => {
    const seed = loadScenario(defect.scenario, "2006");
    const fixed = loadScenario(defect.scenario, "fixed");
    expect(fixed.events).toEqual(seed.events);

    const seedState = kernelMachine.init(seed.config);
    const seedCodes = seed.events.map((event, i) => {
      const outcome = applyEvent(kernelMachine, seedState, event);
      const broken = checkInvariants(kernelMachine, seedState).map((v) => v.invariant);
      const checkpoint = defect.breaks?.find((b) => b.after === i);
      if (checkpoint !== undefined) expect(broken, `after event ${i}`).toEqual(checkpoint.invariants);
      if (i < (defect.breaks?.[0]?.after ?? Infinity)) expect(broken, `after event ${i}`).toEqual([]);
      return codeOf(outcome);
    });
    expect(seedCodes).toEqual(defect.seed);

    let state: KernelState = kernelMachine.init(fixed.config);
    const fixedCodes = fixed.events.map((event) => {
      const [next, outcome] = step(kernelMachine, state, event);
      state = next;
      return codeOf(outcome);
    });
    expect(fixedCodes).toEqual(defect.fixed);

    const report = compareRuns(
      kernelMachine,
      kernelMachine.init(seed.config),
      kernelMachine.init(fixed.config),
      seed.events,
      {
        checkpointEvery: 1,
      },
    );
    expect(report.divergence?.index).toBe(defect.parts.at);
    expect(report.divergence?.kind).toBe(defect.parts.kind);
    if (defect.parts.kind === "state") expect(report.divergence?.stateDiff.length).toBeGreaterThan(0);
  });
});

describe("a defect no HelenOS revision corrects", () => {
  it.each(["2006", "fixed"] as const)(
    "revision %s: resizing to 0xffffffff bytes wraps the checked size to 0 and the area claims 4 GiB",
    (rev) => {
      const { config, events } = loadScenario("resize-wraps", rev);
      const state = kernelMachine.init(config);
      const codes = events.map((event) => codeOf(applyEvent(kernelMachine, state, event)));
      // The area now "holds" 0x20000, yet its wrapped end (base + 2^20 pages = base) hides it.
      expect(codes).toEqual(["ok", "ok", "ok", "AS_PF_FAULT"]);
      expect(checkInvariants(kernelMachine, state).map((v) => v.invariant)).toEqual(["addrspace.areas"]);
    },
  );
});
