/**
 * The committed baseline (tools/bench/baseline.json): figures from an earlier run on this kind of
 * machine, so a run shows what changed. `pnpm bench --save-baseline` replaces it.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BenchResult } from "./report.js";

const file = join(import.meta.dirname, "baseline.json");

/** Higher is better for rates, lower for times and sizes. */
const compared: readonly [keyof BenchResult, "higher" | "lower"][] = [
  ["replayVerified", "higher"],
  ["decodeOnly", "higher"],
  ["plainReducer", "higher"],
  ["seekP50Ms", "lower"],
  ["seekP99Ms", "lower"],
  ["bisectDivergenceMs", "lower"],
  ["bisectStateMs", "lower"],
  ["bytesPerEvent", "lower"],
];

/** Shared 2-core machines vary: changes inside this band are not called regressions. */
const NOISE = 0.2;

export function loadBaseline(): BenchResult | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as BenchResult) : undefined;
}

export function saveBaseline(result: BenchResult): void {
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
}

/** Lines comparing `now` with the baseline, or why they cannot be compared. */
export function compareWithBaseline(now: BenchResult, base: BenchResult | undefined): string[] {
  if (base === undefined) return ["no committed baseline (pnpm bench --save-baseline writes one)"];
  if (base.events !== now.events || base.profile !== now.profile) {
    return [`baseline is for ${base.events} ${base.profile} events: not comparable with this run`];
  }
  const lines = ["against the committed baseline (tools/bench/baseline.json):"];
  for (const [key, better] of compared) {
    const a = base[key] as number;
    const b = now[key] as number;
    const change = (b - a) / a;
    const worse = better === "higher" ? change < -NOISE : change > NOISE;
    const sign = change >= 0 ? "+" : "";
    lines.push(
      `  ${worse ? "REGRESSED" : "         "} ${key.padEnd(20)} ${fmt(a).padStart(12)} → ${fmt(b).padStart(12)} (${sign}${(change * 100).toFixed(1)} %)`,
    );
  }
  return lines;
}

function fmt(n: number): string {
  return n >= 1e5 ? `${(n / 1e6).toFixed(2)}M` : n.toFixed(2);
}
