/** Prints benchmark results with the targets of issue 2 beside them. */

export interface BenchResult {
  readonly events: number;
  readonly profile: string;
  readonly ramPages: number;
  readonly bytes: number;
  readonly bytesPerEvent: number;
  readonly decodeOnly: number;
  readonly plainReducer: number;
  readonly replayVerified: number;
  readonly replayVerifiedGood: boolean;
  readonly naivePeer: number;
  readonly naivePeerAgrees: boolean;
  readonly immerStep: number;
  readonly timelineBuildMs: number;
  readonly seekP50Ms: number;
  readonly seekP99Ms: number;
  readonly bisectDivergenceMs: number;
  readonly bisectFoundPlanted: boolean;
  readonly bisectStateMs: number;
}

const m = (n: number): string =>
  n >= 1e5 ? `${(n / 1e6).toFixed(2)}M ev/s` : `${(n / 1e3).toFixed(1)}k ev/s`;
const check = (ok: boolean): string => (ok ? "ok " : "MISS");

export function report(r: BenchResult, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    return;
  }
  const ofDecode = r.replayVerified / r.decodeOnly;
  const ofNaive = r.replayVerified / r.naivePeer;
  const rows: [string, string, string, boolean][] = [
    ["decode-only (baseline, the limit)", m(r.decodeOnly), "", true],
    ["plain mutable reducer (baseline)", m(r.plainReducer), "", true],
    [
      "naive peer: immer produce per event, flat arrays",
      m(r.naivePeer),
      r.naivePeerAgrees ? "same outcomes" : "OUTCOMES DIFFER",
      r.naivePeerAgrees,
    ],
    ["engine step (immer, structurally shared)", m(r.immerStep), "", true],
    [
      "bulk replay + verification",
      m(r.replayVerified),
      "≥ 1.00M",
      r.replayVerified >= 1e6 && r.replayVerifiedGood,
    ],
    ["  … share of decode-only", `${(ofDecode * 100).toFixed(1)} %`, "≥ 25 %", ofDecode >= 0.25],
    ["  … times the naive peer", `${ofNaive.toFixed(1)}×`, "≥ 20×", ofNaive >= 20],
    ["random seek p50", `${r.seekP50Ms.toFixed(2)} ms`, "≤ 5 ms", r.seekP50Ms <= 5],
    ["random seek p99", `${r.seekP99Ms.toFixed(2)} ms`, "≤ 20 ms", r.seekP99Ms <= 20],
    [
      "bisect planted divergence (exact)",
      `${r.bisectDivergenceMs.toFixed(0)} ms`,
      "≤ 2000 ms",
      r.bisectDivergenceMs <= 2000 && r.bisectFoundPlanted,
    ],
    [
      "bisect state predicate (exact)",
      `${r.bisectStateMs.toFixed(0)} ms`,
      "≤ 2000 ms",
      r.bisectStateMs <= 2000,
    ],
    ["bytes per event on disk (with outcomes)", r.bytesPerEvent.toFixed(2), "≤ 8", r.bytesPerEvent <= 8],
  ];
  const out = [
    `pagefold bench: ${r.events.toLocaleString("en-US")} ram events (${r.profile}) on ${r.ramPages} frames`,
  ];
  for (const [name, value, target, ok] of rows) {
    out.push(`${target === "" ? "    " : check(ok)} ${name.padEnd(50)} ${value.padStart(14)}  ${target}`);
  }
  out.push(
    `     timeline build (one pass, checkpoints)             ${r.timelineBuildMs.toFixed(0).padStart(11)} ms`,
  );
  process.stdout.write(`${out.join("\n")}\n`);
}
