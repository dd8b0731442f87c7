/**
 * The t_pagetable_limit fixture for `pagefold diff`: the x86 stream (27,648 page-table pages of
 * one table each, so the limit comes after ~28k tables rather than ARM's 130k) as revision 2010
 * runs it, its page touches left out until the first accessor (the allocator's story does not
 * need them), cut 100 events after the first event whose answers differ between 2009 and 2010.
 */
import { compareRuns } from "@pagefold/engine";
import { configureKernel, kernelMachine, type KernelEvent } from "@pagefold/kernel";
import { runPagetableLimit } from "@pagefold/traces";

export const FIXTURE_CONFIG = { arch: "x86", ramPages: 40960 } as const;

export function pagetableLimitFixture(): KernelEvent[] {
  const run = runPagetableLimit({ revision: "2010", arch: "x86" });
  const limit = run.events.findIndex((e, i) => e.op === "pt.alloc" && !run.outcomes[i]!.ok);
  const events = run.events.filter((e, i) => e.op !== "page.access" || i > limit);
  const init = (pagetables: "2009" | "2010") => {
    const checked = configureKernel({ ...FIXTURE_CONFIG, revisions: { pagetables } });
    if (!checked.ok) throw new Error(checked.message);
    return kernelMachine.init(checked.value);
  };
  const report = compareRuns(kernelMachine, init("2009"), init("2010"), events, {
    checkpointEvery: Number.MAX_SAFE_INTEGER,
  });
  if (report.divergence === undefined) throw new Error("2009 and 2010 agree on the fixture stream");
  return events.slice(0, report.divergence.index + 100);
}

/** The fixture as scenario text: a config line, then one event per line. */
export function fixtureText(events: readonly KernelEvent[]): string {
  return [{ config: FIXTURE_CONFIG }, ...events].map((line) => JSON.stringify(line)).join("\n") + "\n";
}
