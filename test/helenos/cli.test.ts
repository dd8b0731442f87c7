/**
 * `pagefold diff` on a HelenOS scenario, as a user runs it: the two addrspace revisions part at
 * the event the seed's defect shows in (exit 1, as `git bisect run` reads "bad").
 */
import { describe, expect, it } from "vitest";
import { pagefold } from "../cli/run-cli.js";
import { scenarioPath } from "./scenario.js";

describe("pagefold diff --a-revision addrspace=2006 --b-revision addrspace=fixed", () => {
  it("names the destroy that works on the wrong address space, and its state difference", () => {
    const r = pagefold(
      "diff",
      scenarioPath("destroy-other-as"),
      "--a-revision",
      "addrspace=2006",
      "--b-revision",
      "addrspace=fixed",
      "--json",
    );
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as {
      divergence: { index: number; kind: string; event: { op: string }; stateDiff: { path: string }[] };
    };
    expect(report.divergence).toMatchObject({ index: 7, kind: "outcome", event: { op: "area.destroy" } });
    expect(report.divergence.stateDiff.map((d) => d.path)).toContain("addrspace.spaces.1.hung");
  });

  it("agrees with itself: the same revision on both sides exits 0", () => {
    const r = pagefold(
      "diff",
      scenarioPath("mapping1"),
      "--a-revision",
      "addrspace=fixed",
      "--b-revision",
      "addrspace=fixed",
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/agree on all 28 events/);
  });
});
