import {
  combineDigests,
  err,
  type IdRange,
  type IdRef,
  type Machine,
  type Outcome,
  type ReferenceModel,
  type StateDigest,
  type Validation,
} from "@pagefold/engine";
import { KErrNotSupported } from "./codes.js";
import { configureKernel, type KernelConfig } from "./config.js";
import { coreDigest, coreInvariants, coreOps } from "./core.js";
import type { KernelEvent } from "./events.js";
import { subsystems } from "./registry.js";
import type { KernelSlices, KernelState } from "./state.js";
import type { KernelServices, OpSpec } from "./subsystem.js";
import { compileChecks, invalid, type Validator } from "./validator.js";

interface CompiledOp {
  readonly spec: OpSpec<KernelEvent>;
  readonly accepts: (input: unknown) => input is KernelEvent;
  readonly validate: Validator<KernelEvent>;
}

/** Op name → spec, in a prototype-free object so `__proto__` or `toString` are simply unknown ops. */
const ops = buildOpTable();

function buildOpTable(): Record<string, CompiledOp | undefined> {
  const table = Object.create(null) as Record<string, CompiledOp | undefined>;
  const tickHooks = subsystems.flatMap((s) => {
    const tick = s.tick?.bind(s);
    return tick === undefined ? [] : [tick];
  });
  const sources = [
    coreOps(tickHooks) as Readonly<Record<string, OpSpec<KernelEvent>>>,
    ...subsystems.map((s) => s.ops),
  ];
  for (const source of sources) {
    for (const [op, spec] of Object.entries(source)) {
      if (table[op] !== undefined) throw new Error(`op ${op} is defined twice`);
      table[op] = { spec, ...compileChecks<KernelEvent>(spec.schema) };
    }
  }
  return table;
}

/** Every op the kernel machine understands, sorted. */
export const kernelOps: readonly string[] = Object.keys(ops).sort();

function validate(input: unknown): Validation<KernelEvent> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return invalid("", 'an event must be an object with an "op" field');
  }
  const op = (input as { op?: unknown }).op;
  if (typeof op !== "string") return invalid("op", op === undefined ? "is required" : "must be a string");
  const compiled = ops[op];
  if (compiled === undefined) return invalid("op", `unknown op ${JSON.stringify(op)}`);
  return compiled.validate(input);
}

const reclaimers = subsystems.flatMap((s) => (s.reclaimer === undefined ? [] : [s.reclaimer]));

/** Cross-subsystem services, built once from the registry (no subsystem imports another's). */
const services: KernelServices = {
  inactivePages: (state) => reclaimers.reduce((n, r) => n + r.inactive(state), 0),
  reclaim(state, pages, effects) {
    let freed = 0;
    for (const r of reclaimers) {
      if (freed >= pages) break;
      freed += r.reclaim(state, pages - freed, effects);
    }
    return freed;
  },
};

/** `validate` as a yes or no: one lookup and the op's compiled check, nothing allocated. */
function accepts(input: unknown): input is KernelEvent {
  if (typeof input !== "object" || input === null) return false;
  const op = (input as { op?: unknown }).op;
  return typeof op === "string" && ops[op]?.accepts(input) === true;
}

/** The replay hot loop: one prototype-free lookup and the op's reducer. */
function reduce(state: KernelState, event: KernelEvent): Outcome {
  const compiled = ops[event.op];
  if (compiled === undefined) return err(KErrNotSupported, `unknown op ${JSON.stringify(event.op)}`);
  return compiled.spec.reduce(state, event, services);
}

function init(config: KernelConfig): KernelState {
  const slices: Partial<Record<keyof KernelSlices, unknown>> = {};
  for (const s of subsystems) slices[s.name] = s.init(config);
  return { panic: null, config, clock: 0, rng: config.seed, ...(slices as KernelSlices) };
}

function digest(state: KernelState): StateDigest {
  const parts: Record<string, string> = { kernel: coreDigest(state) };
  for (const s of subsystems) parts[s.name] = s.digest(state);
  return { combined: combineDigests(parts), parts };
}

function view(state: KernelState): Record<string, unknown> {
  const out: Record<string, unknown> = { clock: state.clock, rng: state.rng, panic: state.panic };
  for (const s of subsystems) out[s.name] = s.view(state);
  return out;
}

const noRanges: readonly IdRange[] = [];
const noRefs: readonly IdRef[] = [];

/** Frames (and later other ids) that events introduce and refer to, for the minimizer. */
const references: ReferenceModel<KernelEvent> = {
  produced: (event, outcome) => ops[event.op]?.spec.produced?.(event, outcome) ?? noRanges,
  referenced: (event) => ops[event.op]?.spec.referenced?.(event) ?? noRefs,
  rewrite: (event, mapped) => ops[event.op]?.spec.rewrite?.(event, mapped) ?? event,
};

/**
 * The kernel machine: every subsystem of the registry composed into one state, one event
 * vocabulary, one digest (a part per subsystem plus "kernel" for clock and random state) and one
 * list of named invariants.
 */
export const kernelMachine: Machine<KernelState, KernelEvent, KernelConfig> = {
  name: "kernel",
  schemaVersion: 1,
  configure: configureKernel,
  init,
  validate,
  accepts,
  reduce,
  digest,
  invariants: [...coreInvariants, ...subsystems.flatMap((s) => s.invariants)],
  view,
  references,
};
