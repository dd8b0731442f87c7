import { checkInvariants } from "./apply.js";
import { PagefoldError } from "./errors.js";
import type { Machine, MachineEvent, MachineState } from "./machine.js";
import { outcomeCode, PANIC, type Outcome } from "./outcome.js";

/**
 * What bisect and minimize look for. State predicates are judged on the state after an
 * event; event predicates on one event's outcome.
 */
export type Predicate =
  /** The machine panicked (state predicate: it stays halted). */
  | { readonly kind: "panic" }
  /** Any invariant, or the named one, is broken. */
  | { readonly kind: "invariant"; readonly name?: string }
  /** An event answered this code (`ok` for success), optionally only for one op. */
  | { readonly kind: "outcome"; readonly code: string; readonly op?: string }
  /** The replay differs from recorded outcomes, or from a second configuration. */
  | { readonly kind: "divergence" }
  /** A JavaScript expression over `state` (a fresh copy of the machine's view) is truthy. */
  | { readonly kind: "expression"; readonly source: string };

/**
 * Parses the command-line form: `panic`, `invariant`, `invariant:NAME`, `outcome:CODE`,
 * `outcome:OP=CODE`, `divergence`, `expr:JS` (e.g. `expr:state.ram.freePages < 100`).
 */
export function parsePredicate(text: string): Predicate {
  const colon = text.indexOf(":");
  const head = colon < 0 ? text : text.slice(0, colon);
  const rest = colon < 0 ? "" : text.slice(colon + 1);
  switch (head) {
    case "panic":
    case "divergence":
      if (rest === "") return { kind: head };
      break;
    case "invariant":
      return rest === "" ? { kind: "invariant" } : { kind: "invariant", name: rest };
    case "outcome": {
      const eq = rest.indexOf("=");
      if (eq < 0 && rest !== "") return { kind: "outcome", code: rest };
      if (eq > 0 && eq < rest.length - 1)
        return { kind: "outcome", op: rest.slice(0, eq), code: rest.slice(eq + 1) };
      break;
    }
    case "expr":
      if (rest.trim() !== "") return { kind: "expression", source: rest };
      break;
  }
  throw new PagefoldError(
    "PFOLD_USAGE",
    `cannot read predicate "${text}": use panic, invariant[:NAME], outcome:[OP=]CODE, divergence or expr:JS`,
  );
}

export function describePredicate(p: Predicate): string {
  switch (p.kind) {
    case "panic":
      return "the machine panics";
    case "invariant":
      return p.name === undefined ? "an invariant breaks" : `invariant ${p.name} breaks`;
    case "outcome":
      return `${p.op ?? "an event"} answers ${p.code}`;
    case "divergence":
      return "the run diverges";
    case "expression":
      return `expression (${p.source}) holds`;
  }
}

/** True for predicates judged on states (and so bisectable between checkpoints). */
export function isStatePredicate(p: Predicate): boolean {
  return p.kind === "panic" || p.kind === "invariant" || p.kind === "expression";
}

/** A compiled state predicate. */
export type StateTest<S> = (state: S) => boolean;

export function stateTest<S extends MachineState>(
  machine: Machine<S, MachineEvent, unknown>,
  p: Predicate,
): StateTest<S> {
  switch (p.kind) {
    case "panic":
      return (s) => s.panic !== null;
    case "invariant": {
      if (p.name !== undefined && !machine.invariants.some((i) => i.name === p.name)) {
        const known = machine.invariants.map((i) => i.name).join(", ");
        throw new PagefoldError("PFOLD_USAGE", `no invariant named ${p.name} (known: ${known})`);
      }
      const names = p.name === undefined ? undefined : [p.name];
      return (s) => checkInvariants(machine, s, names).length > 0;
    }
    case "expression":
      return expressionTest(machine, p.source);
    case "outcome":
    case "divergence":
      throw new PagefoldError("PFOLD_USAGE", `${describePredicate(p)} is judged on events, not states`);
  }
}

/** The event test of an `outcome` predicate (a panic also counts for `panic`). */
export function outcomeTest(p: Predicate): ((event: MachineEvent, outcome: Outcome) => boolean) | undefined {
  if (p.kind === "outcome")
    return (e, o) => outcomeCode(o) === p.code && (p.op === undefined || e.op === p.op);
  if (p.kind === "panic") return (_e, o) => !o.ok && o.code === PANIC;
  return undefined;
}

function expressionTest<S extends MachineState>(
  machine: Machine<S, MachineEvent, unknown>,
  source: string,
): StateTest<S> {
  let fn: (state: unknown) => unknown;
  try {
    // The user's own expression, like `git bisect run`'s script: evaluated on purpose.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    fn = new Function("state", `"use strict"; return (${source});`) as (state: unknown) => unknown;
  } catch (cause) {
    throw new PagefoldError(
      "PFOLD_USAGE",
      `cannot compile expression (${source}): ${String(cause)}`,
      {},
      { cause },
    );
  }
  return (s) => {
    try {
      return Boolean(fn(machine.view(s)));
    } catch (cause) {
      throw new PagefoldError(
        "PFOLD_CANNOT_JUDGE",
        `expression (${source}) failed: ${cause instanceof Error ? cause.message : String(cause)}`,
        {},
        { cause },
      );
    }
  };
}
