/**
 * @pagefold/traces: workload generators shared by the CLI and the fuzzer (and, later, importers of
 * real traces and reference replacement policies).
 */
export {
  generateRamWorkload,
  ramWorkload,
  ramWorkloadConfig,
  type RamProfile,
  type RamWorkload,
  type RamWorkloadOptions,
} from "./workloads/ram.js";
export { SeededRandom } from "./random.js";
