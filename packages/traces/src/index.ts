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
export {
  generatePagingWorkload,
  pagingWorkload,
  pagingWorkloadConfig,
  type PagingWorkload,
  type PagingWorkloadOptions,
} from "./workloads/paging.js";
export {
  PAGED_CHUNKS_START,
  NUM_PROCESSES,
  runPagetableLimit,
  type MappingFailure,
  type PagetableLimitOptions,
  type PagetableLimitRun,
} from "./workloads/pagetable-limit.js";
export {
  forkStorm,
  forkStormConfig,
  generateForkStorm,
  type ForkStormOptions,
} from "./workloads/forkstorm.js";
export { generateKmemMix, kmemMix, kmemMixConfig, type KmemMixOptions } from "./workloads/kmemmix.js";
export {
  addrspaceChurn,
  addrspaceChurnConfig,
  generateAddrspaceChurn,
  type AddrspaceChurnOptions,
} from "./workloads/addrspace.js";
export { findWorkload, workloads, type Workload, type WorkloadOptions } from "./workloads/catalog.js";
