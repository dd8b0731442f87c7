import { Replayer, type Outcome } from "@pagefold/engine";
import { kernelMachine, type KernelConfig, type KernelEvent, type KernelState } from "@pagefold/kernel";
import { RecordingWriter } from "@pagefold/recording";
import { START_SNAPSHOT_META } from "./run-input.js";

export const ENGINE_VERSION = "0.1.0";

export interface RecordOptions {
  readonly config: KernelConfig;
  /** Start from this state instead of a fresh boot (it is embedded as the snapshot at event 0). */
  readonly initial?: KernelState | undefined;
  /** Record a digest every K events (default 16384, where replays check invariants too). */
  readonly checkpointEvery?: number;
  /** Embed a state snapshot every N events (0: none; default 65536). */
  readonly snapshotEvery?: number;
  /** Keep each event's outcome (default true). */
  readonly outcomes?: boolean;
  readonly chunkEvents?: number;
  readonly creator?: string;
  readonly onProgress?: (events: number) => void;
}

export interface RecordSummary {
  readonly events: number;
  readonly codes: Record<string, number>;
  readonly finalDigest: string;
  readonly panic: string | null;
}

/**
 * Runs events through the kernel and writes what happened: events, outcomes, checkpoint
 * digests and periodic state snapshots. The file is readable up to the last complete chunk at
 * any moment, so a killed recorder loses at most one chunk.
 */
export function record(
  path: string | undefined,
  events: Iterable<KernelEvent>,
  options: RecordOptions,
): {
  summary: RecordSummary;
  writer: RecordingWriter;
} {
  const every = options.checkpointEvery ?? 16_384;
  const snapshotEvery = options.snapshotEvery ?? 65_536;
  const header = {
    machine: kernelMachine.name,
    schemaVersion: kernelMachine.schemaVersion,
    engine: ENGINE_VERSION,
    config: options.config,
    creator: options.creator ?? "pagefold record",
    hasOutcomes: options.outcomes ?? true,
    ...(options.chunkEvents === undefined ? {} : { chunkEvents: options.chunkEvents }),
    ...(options.initial === undefined ? {} : { meta: { [START_SNAPSHOT_META]: true } }),
  };
  const writer = path === undefined ? RecordingWriter.inMemory(header) : RecordingWriter.create(path, header);
  const start = options.initial ?? kernelMachine.init(options.config);
  const replayer = new Replayer(kernelMachine, start);
  if (options.initial !== undefined) writer.snapshot(0, replayer.peek(), replayer.digest());
  writer.digest(0, replayer.digest());
  const codes: Record<string, number> = {};
  const keepOutcomes = options.outcomes ?? true;
  for (const event of events) {
    const outcome: Outcome = replayer.apply(event);
    const code = outcome.ok ? "ok" : outcome.code;
    codes[code] = (codes[code] ?? 0) + 1;
    writer.append(event, keepOutcomes ? outcome : undefined);
    const index = replayer.index;
    if (index % every === 0) {
      const digest = replayer.digest();
      writer.digest(index, digest);
      if (snapshotEvery > 0 && index % snapshotEvery === 0) writer.snapshot(index, replayer.peek(), digest);
      options.onProgress?.(index);
    }
  }
  const final = replayer.digest();
  if (replayer.index % every !== 0) writer.digest(replayer.index, final);
  writer.close();
  return {
    summary: { events: replayer.index, codes, finalDigest: final.combined, panic: replayer.peek().panic },
    writer,
  };
}

/** Outcome codes as `ok 9,120 · KErrNoMemory 12`. */
export function formatCodes(codes: Readonly<Record<string, number>>): string {
  return Object.entries(codes)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([code, n]) => `${code} ${n.toLocaleString("en-US")}`)
    .join(" · ");
}
