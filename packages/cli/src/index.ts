/**
 * @pagefold/cli: the `pagefold` command, and the few pieces of it that tools and tests reuse
 * (recording a run, opening a run with config overrides).
 */
export { main } from "./cli.js";
export { record, formatCodes, ENGINE_VERSION, type RecordOptions, type RecordSummary } from "./recorder.js";
export { openRun, loadSnapshotFile, recordedOutcomes, type RunInput, type OpenOptions } from "./run-input.js";
export { overrideConfig, type ConfigOverrides } from "./config-options.js";
export { Exit, type ExitStatus } from "./exit.js";
