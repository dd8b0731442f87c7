/**
 * How fast the kernel reducer folds a ram workload on plain mutable state (the bulk-replay path),
 * apart from decoding and verification. Not a test: run it and read the figure.
 *   npx tsx packages/traces/bench/ram-reducer.ts [events] [profile] [ramPages]
 */
import { kernelMachine, type KernelEvent } from "@pagefold/kernel";
import { generateRamWorkload, type RamProfile } from "../src/index.js";

const events = Number(process.argv[2] ?? 1_000_000);
const profile = (process.argv[3] ?? "mixed") as RamProfile;
const ramPages = Number(process.argv[4] ?? 16384);

const generated = performance.now();
const workload = generateRamWorkload({ seed: 1, events, ramPages, profile });
const generateMs = performance.now() - generated;

function fold(stream: readonly KernelEvent[]): { ms: number; ok: number } {
  const state = kernelMachine.init(workload.config);
  let ok = 0;
  const start = performance.now();
  for (let i = 0; i < stream.length; i++) if (kernelMachine.reduce(state, stream[i]!).ok) ok++;
  return { ms: performance.now() - start, ok };
}

fold(workload.events.slice(0, 100_000));
const runs = [fold(workload.events), fold(workload.events), fold(workload.events)];
const best = Math.min(...runs.map((r) => r.ms));
const counts: Record<string, number> = {};
for (const e of workload.events) counts[e.op] = (counts[e.op] ?? 0) + 1;
console.log(
  `${profile}, ${ramPages} frames, ${events} events (${JSON.stringify(counts)}), ${runs[0]!.ok} ok`,
);
console.log(`generate: ${(events / generateMs / 1000).toFixed(2)}M events/s`);
console.log(`reduce:   ${(events / best / 1000).toFixed(2)}M events/s (best of 3: ${best.toFixed(0)} ms)`);
