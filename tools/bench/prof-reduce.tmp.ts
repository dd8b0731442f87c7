import { cloneState } from "@pagefold/engine";
import { kernelMachine } from "@pagefold/kernel";
import { ramWorkload, ramWorkloadConfig } from "@pagefold/traces";
const w = { seed: 42, events: 1_000_000, profile: "mixed" as const };
const events = [...ramWorkload(w)];
for (let i = 0; i < 4; i++) {
  const s = cloneState(kernelMachine.init(ramWorkloadConfig(w)));
  const t = performance.now();
  for (const e of events) kernelMachine.reduce(s, e);
  console.log((performance.now() - t).toFixed(0), "ms");
}
