import { err, PANIC, type Effect, type Outcome } from "@pagefold/engine";
import type { KernelState } from "../state.js";
import { KernelPanic } from "../pagetables/panic.js";
import { ensurePagingBooted } from "./boot.js";

/** An op body: mutates the state, collects what the kernel did in `effects`, answers. */
export type PagingOpBody<E> = (state: KernelState, event: E, effects: Effect[]) => Outcome;

/**
 * A pagetables or pager op: boots paging first (boot.ts), and turns a KernelPanic raised deep in
 * a kernel path into the `PANIC` outcome, with the effects that happened before it.
 */
export function pagingOp<E>(body: PagingOpBody<E>): (state: KernelState, event: E) => Outcome {
  return (state, event) => {
    const effects: Effect[] = [];
    try {
      ensurePagingBooted(state);
      return body(state, event, effects);
    } catch (cause) {
      if (cause instanceof KernelPanic) return err(PANIC, cause.message, effects);
      throw cause;
    }
  };
}
