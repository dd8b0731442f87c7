/**
 * @pagefold/recording: the `.pfr` recording format (streaming writer, seekable reader,
 * integrity checks and recovery) and the JSONL scenario text format. See FORMAT.md.
 */
export { RecordingWriter } from "./writer.js";
export { RecordingReader, type ReaderOptions, type RecordedEntry } from "./reader.js";
export { verifyRecording, type VerifyReport } from "./verify.js";
export { checkCompatible, type RecordingHeader, type RecordingHeaderInit } from "./header.js";
export type { RecordedEvent } from "./chunk-codec.js";
export type { EventValidator } from "./chunk-loader.js";
export type { CheckpointDigest } from "./checkpoint.js";
export type { RecordedSnapshot } from "./snapshots.js";
export type { Damage } from "./scan.js";
export type { ChunkInfo } from "./seek-index.js";
export { DEFAULT_CHUNK_EVENTS, FORMAT_VERSION, MAX_CHUNK_EVENTS, MAX_DATA_DEPTH } from "./limits.js";

export {
  parseScenario,
  openScenario,
  type Scenario,
  type ScenarioFile,
  type ScenarioEntry,
} from "./scenario/scenario.js";
export { ScenarioParser, isIgnoredLine, type ScenarioOptions } from "./scenario/parser.js";
export { readLines, splitLines, type ScenarioLine } from "./scenario/lines.js";
export { formatScenario, formatEventLine, formatOutcomeLine } from "./scenario/format.js";
