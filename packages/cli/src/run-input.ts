import { existsSync } from "node:fs";
import {
  arraySource,
  PagefoldError,
  restoreSnapshot,
  type EventSource,
  type Outcome,
  type RecordedBatches,
  type RecordedEntry,
  type SnapshotProvider,
} from "@pagefold/engine";
import { kernelMachine, type KernelConfig, type KernelEvent, type KernelState } from "@pagefold/kernel";
import { openScenario, RecordingReader, type RecordingHeader } from "@pagefold/recording";
import { hasOverrides, overrideConfig, type ConfigOverrides } from "./config-options.js";

/** A run to replay: a `.pfr` recording or a `.jsonl` scenario, under the effective config. */
export interface RunInput {
  readonly path: string;
  readonly kind: "recording" | "scenario";
  /** The config the run is replayed under (recorded config plus overrides). */
  readonly config: KernelConfig;
  /** True when --config/--revision changed the recorded config. */
  readonly overridden: boolean;
  readonly initial: KernelState;
  /** True when the run starts from a saved state (embedded or --from-snapshot), not a fresh boot. */
  readonly fromSavedState: boolean;
  readonly length: number;
  /** Random access to events (a recording reads chunks on demand). */
  readonly source: EventSource<KernelEvent>;
  /** Events with recorded outcomes (when the recording has them), streamed. */
  entries(): Iterable<RecordedEntry<KernelEvent>>;
  /** The same, a chunk at a time (the fast path for bulk replay). */
  readonly recorded: Iterable<RecordedEntry<KernelEvent>> | RecordedBatches<KernelEvent>;
  /** Recorded checkpoint digests by state index (recordings only). */
  readonly digests: ReadonlyMap<number, string>;
  /** Embedded state snapshots, so seeks start near their target. */
  readonly snapshots?: SnapshotProvider<KernelState>;
  readonly header?: RecordingHeader;
  readonly reader?: RecordingReader<KernelEvent>;
  close(): void;
}

/** A recording reader; without `recover`, a damaged file's error says how to read its intact part. */
function openReader(path: string, recover: boolean): RecordingReader<KernelEvent> {
  try {
    const reader = RecordingReader.open<KernelEvent>(path, {
      validate: validateEvent,
      accepts: acceptsEvent,
      recover,
    });
    const d = reader.damage;
    if (d !== undefined) {
      process.stderr.write(`warning: ${d.message}; reading the ${reader.length} intact events before it\n`);
    }
    return reader;
  } catch (error) {
    if (!recover && error instanceof PagefoldError && error.code === "PFOLD_RECORDING_CORRUPT") {
      throw new PagefoldError(
        error.code,
        `${error.message}; --recover reads the intact events before the damage`,
        {},
        { cause: error },
      );
    }
    throw error;
  }
}

/** The kernel's event validator as a plain function (for readers and parsers). */
export const validateEvent = (input: unknown): ReturnType<typeof kernelMachine.validate> =>
  kernelMachine.validate(input);
const acceptsEvent = (input: unknown): boolean => kernelMachine.accepts?.(input) === true;
const configureKernelInput = (input: unknown): ReturnType<typeof kernelMachine.configure> =>
  kernelMachine.configure(input);

/** Marks a recording that starts from the snapshot at index 0 instead of a fresh boot. */
export const START_SNAPSHOT_META = "startsFromSnapshot";

export interface OpenOptions extends ConfigOverrides {
  /** Start from the state in this snapshot file instead of the run's own start. */
  readonly fromSnapshot?: string | undefined;
  /** Read a damaged or unfinished recording up to its first damage (said on stderr). */
  readonly recover?: boolean | undefined;
}

/** Opens a recording or scenario for replay. Damage and malformed events are PagefoldErrors. */
export function openRun(path: string, options: OpenOptions = {}): RunInput {
  if (!existsSync(path)) throw new PagefoldError("PFOLD_USAGE", `no such file`, { file: path });
  return path.endsWith(".jsonl") || path.endsWith(".json")
    ? openScenarioRun(path, options)
    : openRecordingRun(path, options);
}

function openRecordingRun(path: string, options: OpenOptions): RunInput {
  const reader = openReader(path, options.recover === true);
  try {
    if (
      reader.header.machine !== kernelMachine.name ||
      reader.header.schemaVersion !== kernelMachine.schemaVersion
    ) {
      throw new PagefoldError(
        "PFOLD_RECORDING_INCOMPATIBLE",
        `recorded by machine ${reader.header.machine} schema ${reader.header.schemaVersion}; this pagefold replays ${kernelMachine.name} schema ${kernelMachine.schemaVersion}`,
        { file: path },
      );
    }
    const recorded = kernelMachine.configure(reader.header.config);
    if (!recorded.ok) {
      throw new PagefoldError(
        "PFOLD_INPUT_INVALID",
        `recorded config: ${recorded.path} ${recorded.message}`,
        { file: path },
      );
    }
    const snapshots = reader.snapshots();
    const embedded =
      reader.header.meta?.[START_SNAPSHOT_META] === true ? snapshots.find((s) => s.index === 0) : undefined;
    const { config, initial, fromSavedState } = startState(
      options,
      recorded.value,
      embedded === undefined ? undefined : restoreFromRecording(embedded, path),
    );
    const overridden = hasOverrides(options) || options.fromSnapshot !== undefined;
    const provider: SnapshotProvider<KernelState> | undefined = overridden
      ? undefined
      : {
          nearest(index) {
            let best: (typeof snapshots)[number] | undefined;
            for (const s of snapshots)
              if (s.index <= index && (best === undefined || s.index > best.index)) best = s;
            return best === undefined
              ? undefined
              : { index: best.index, load: () => restoreFromRecording(best, path) };
          },
        };
    return {
      path,
      kind: "recording",
      config,
      overridden,
      initial,
      fromSavedState,
      length: reader.length,
      source: reader,
      entries: () => reader.entries(),
      recorded: { batches: () => reader.batches() },
      digests: overridden ? new Map() : reader.digests(),
      ...(provider === undefined ? {} : { snapshots: provider }),
      header: reader.header,
      reader,
      close: () => reader.close(),
    };
  } catch (error) {
    reader.close();
    throw error;
  }
}

function openScenarioRun(path: string, options: OpenOptions): RunInput {
  const scenario = openScenario<KernelEvent, KernelConfig>(path, {
    validate: validateEvent,
    configure: configureKernelInput,
  });
  const { config, initial, fromSavedState } = startState(options, scenario.config, undefined);
  let events: KernelEvent[] | undefined;
  const all = (): KernelEvent[] => (events ??= [...scenario.events()]);
  return {
    path,
    kind: "scenario",
    config,
    overridden: hasOverrides(options) || options.fromSnapshot !== undefined,
    initial,
    fromSavedState,
    get length() {
      return all().length;
    },
    get source() {
      return arraySource(all());
    },
    *entries() {
      for (const entry of scenario.entries()) yield { event: entry.event };
    },
    get recorded() {
      return this.entries();
    },
    digests: new Map(),
    close: () => undefined,
  };
}

/**
 * The config and first state of a run: a fresh boot under the run's config, or the state the
 * run embeds, or a `--from-snapshot` state; then the user's overrides. A saved state keeps its
 * frames, so overrides may change revisions and policies but not the machine's size.
 */
function startState(
  options: OpenOptions,
  runConfig: KernelConfig,
  embedded: KernelState | undefined,
): { config: KernelConfig; initial: KernelState; fromSavedState: boolean } {
  const saved = options.fromSnapshot === undefined ? embedded : loadSnapshotFile(options.fromSnapshot);
  if (saved === undefined) {
    const config = overrideConfig(runConfig, options);
    return { config, initial: kernelMachine.init(config), fromSavedState: false };
  }
  const config = overrideConfig(saved.config, options);
  if (config.ramPages !== saved.config.ramPages || config.arch !== saved.config.arch) {
    throw new PagefoldError(
      "PFOLD_USAGE",
      "a saved state cannot change arch or ramPages: only revisions and pager settings",
    );
  }
  return { config, initial: withConfig(saved, config), fromSavedState: true };
}

/** The state saved by `pagefold seek N --save FILE` (a recording holding one snapshot). */
export function loadSnapshotFile(path: string): KernelState {
  const reader = RecordingReader.open<KernelEvent>(path);
  try {
    const snapshot = reader.snapshots()[0];
    if (snapshot === undefined)
      throw new PagefoldError("PFOLD_INPUT_INVALID", "no state snapshot in this file", { file: path });
    return restoreFromRecording(snapshot, path);
  } finally {
    reader.close();
  }
}

function restoreFromRecording(
  snapshot: { index: number; digest: string; load(): unknown },
  file: string,
): KernelState {
  try {
    const state = snapshot.load() as KernelState;
    return restoreSnapshot(kernelMachine, {
      machine: kernelMachine.name,
      schemaVersion: kernelMachine.schemaVersion,
      config: (state as { config?: unknown }).config,
      index: snapshot.index,
      digest: snapshot.digest,
      state,
    });
  } catch (error) {
    if (error instanceof PagefoldError)
      throw new PagefoldError(error.code, error.message, { file }, { cause: error });
    throw error;
  }
}

/** A restored state replayed under another config (the digest excludes the config). */
function withConfig(state: KernelState, config: KernelConfig): KernelState {
  return { ...state, config };
}

/** The recorded outcome of each event, for bisecting divergence. */
export function* recordedOutcomes(run: RunInput): Iterable<Outcome | undefined> {
  for (const entry of run.entries()) yield entry.outcome;
}
