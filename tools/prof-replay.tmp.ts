import { verifyRun, verifiedGood } from "@pagefold/engine";
import { kernelMachine } from "@pagefold/kernel";
import { ramWorkload, ramWorkloadConfig } from "@pagefold/traces";
import { record } from "@pagefold/cli";
import { openRun } from "@pagefold/cli";
const w = { seed: 42, events: 1_000_000, profile: "mixed" as const };
const file = "/tmp/bench-ram.pfr";
if (process.argv[2] === "make") {
  record(file, ramWorkload(w), { config: ramWorkloadConfig(w) });
  process.exit(0);
}
for (let i = 0; i < 3; i++) {
  const run = openRun(file);
  const t = performance.now();
  const r = verifyRun(kernelMachine, run.initial, run.recorded, { digests: run.digests });
  console.log(verifiedGood(r), r.events, (performance.now() - t).toFixed(0), "ms");
}
