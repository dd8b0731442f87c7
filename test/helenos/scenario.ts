/** Loading the HelenOS scenarios (scenarios/*.jsonl) and replaying them under either revision. */
import { readFileSync } from "node:fs";
import { applyEvent, type Outcome } from "@pagefold/engine";
import {
  applyRevisionOverrides,
  kernelMachine,
  type KernelConfig,
  type KernelEvent,
  type KernelState,
} from "@pagefold/kernel";
import { parseScenario } from "@pagefold/recording";

export type Revision = "2006" | "fixed";

export function scenarioPath(name: string): string {
  return new URL(`./scenarios/${name}.jsonl`, import.meta.url).pathname;
}

/** A scenario's config (with addrspace at `rev`) and events, checked by the kernel machine. */
export function loadScenario(name: string, rev: Revision): { config: KernelConfig; events: KernelEvent[] } {
  const path = scenarioPath(name);
  const { config, events } = parseScenario<KernelEvent, KernelConfig>(readFileSync(path, "utf8"), {
    validate: (input) => kernelMachine.validate(input),
    configure: (input) => kernelMachine.configure(input),
    file: path,
  });
  const revised = applyRevisionOverrides(config, [`addrspace=${rev}`]);
  if (!revised.ok) throw new Error(revised.message);
  return { config: revised.value, events };
}

/** Replays on a plain mutable state (no invariant assertions: revision 2006 breaks them). */
export function replay(
  name: string,
  rev: Revision,
): { state: KernelState; outcomes: Outcome[]; events: KernelEvent[] } {
  const { config, events } = loadScenario(name, rev);
  const state = kernelMachine.init(config);
  const outcomes = events.map((event) => applyEvent(kernelMachine, state, event));
  return { state, outcomes, events };
}

/** `ok`, the string value of an ok outcome (AS_PF_OK), or the error code. */
export function codeOf(outcome: Outcome): string {
  if (!outcome.ok) return outcome.code;
  return typeof outcome.value === "string" ? outcome.value : "ok";
}
