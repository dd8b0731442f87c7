/**
 * Every built-in workload by name, for `pagefold record --workload NAME` (and the fuzzer's
 * starting profiles): each gives its config and a lazily generated, re-iterable event stream
 * from a seed and a length.
 */
import { PagefoldError } from "@pagefold/engine";
import type { KernelConfig, KernelEvent } from "@pagefold/kernel";
import { addrspaceChurn, addrspaceChurnConfig } from "./addrspace.js";
import { forkStorm, forkStormConfig } from "./forkstorm.js";
import { kmemMix, kmemMixConfig } from "./kmemmix.js";
import { pagingWorkload, pagingWorkloadConfig } from "./paging.js";
import { ramWorkload, ramWorkloadConfig } from "./ram.js";

export interface WorkloadOptions {
  readonly seed: number;
  readonly events: number;
}

export interface Workload {
  readonly name: string;
  readonly description: string;
  config(options: WorkloadOptions): KernelConfig;
  events(options: WorkloadOptions): Iterable<KernelEvent>;
}

const ram = (profile: "mixed" | "fragmenting" | "steady", description: string): Workload => ({
  name: `ram:${profile}`,
  description,
  config: (o) => ramWorkloadConfig({ ...o, profile }),
  events: (o) => ramWorkload({ ...o, profile }),
});

/** The catalogue, in the order `--help` lists it. */
export const workloads: readonly Workload[] = [
  ram("mixed", "physical memory: every request shape, migrations, refusals, at 50-80 % occupancy"),
  ram("fragmenting", "physical memory: fill, punch holes, then ask for aligned blocks (the L1 problem)"),
  ram("steady", "physical memory: mostly single pages at 55-75 % occupancy"),
  {
    name: "paging",
    description: "Symbian demand paging: processes touch pages through paged page tables",
    config: pagingWorkloadConfig,
    events: pagingWorkload,
  },
  {
    name: "forkstorm",
    description: "NetBSD arm32: processes fork and exit, each needing a 16 KiB-aligned L1 table",
    config: forkStormConfig,
    events: forkStorm,
  },
  {
    name: "kmem-mix",
    description: "UVM kernel memory and user pages fragmenting physical memory together",
    config: kmemMixConfig,
    events: kmemMix,
  },
  {
    name: "addrspace-churn",
    description: "HelenOS address spaces: areas grow, shrink, share and fault",
    config: addrspaceChurnConfig,
    events: addrspaceChurn,
  },
];

/** The workload called `name` (a bare `ram` means `ram:mixed`); a usage error names the choices. */
export function findWorkload(name: string): Workload {
  const found = workloads.find((w) => w.name === (name === "ram" ? "ram:mixed" : name));
  if (found === undefined) {
    throw new PagefoldError(
      "PFOLD_USAGE",
      `unknown workload ${name} (known: ${workloads.map((w) => w.name).join(", ")})`,
    );
  }
  return found;
}
