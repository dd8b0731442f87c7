import { Immer } from "immer";

/**
 * Expensive checks, switched in one place: on in tests and fuzzing, off in the replay hot loop.
 * - `freeze`: states handed out are deep-frozen, so a reducer that keeps a reference and
 *   mutates it later fails loudly.
 * - `invariantsEveryEvent`: replays check every named invariant after every event.
 */
export interface Checks {
  readonly freeze: boolean;
  readonly invariantsEveryEvent: boolean;
}

let current: Checks = { freeze: false, invariantsEveryEvent: false };

/** The engine's private immer instance, so our settings never leak into a user's own immer. */
export const immer = new Immer({ autoFreeze: false });

export function setChecks(next: Partial<Checks>): Checks {
  const previous = current;
  current = { ...current, ...next };
  immer.setAutoFreeze(current.freeze);
  return previous;
}

export function checks(): Checks {
  return current;
}
