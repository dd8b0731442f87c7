/**
 * The L1 story of seed 002 in numbers: one fork storm (same seed, same decisions) on each L1
 * revision. 2001 stalls with pages free and no 16 KiB-aligned run, which bisect pins to its
 * first event; the later strategies' ways out and what each costs.
 */
import { arraySource, bisect, parsePredicate, Replayer, Timeline } from "@pagefold/engine";
import {
  kernelMachine,
  l1View,
  tune,
  type KernelEvent,
  type KernelState,
  type RevisionOf,
} from "@pagefold/kernel";
import { generateForkStorm } from "@pagefold/traces";

export interface L1DemoOptions {
  readonly seed?: number;
  readonly events?: number;
  readonly ramPages?: number;
}

type Revision = RevisionOf<"l1">;
const REVISIONS: readonly Revision[] = ["2001", "2003", "2021", "migrate"];

/** The stall: a pmap_create asleep, at least freetarg pages free, no free aligned 4-page run. */
export const STALL =
  "state.l1.sleepers > 0 && state.ram.freePages >= state.pdaemon.freetarg && state.l1.largestAlignedFreeRun < 4";

/** The kernel machine with a view of just what STALL reads (the full view costs more than the replay). */
const stallMachine = {
  ...kernelMachine,
  view: (state: KernelState) => ({
    l1: l1View(state),
    ram: { freePages: state.ram.freePages },
    pdaemon: tune(state.ram.totalPages, state.config.revisions.kmem),
  }),
};

interface RevisionResult {
  readonly events: number;
  readonly forks: number;
  readonly asleepAtEnd: number;
  readonly completedAfterSleeping: number;
  readonly polls: number;
  readonly pagesMigrated: number;
  readonly pagesHoarded: number;
  readonly freePages: number;
  readonly largestAlignedFreeRun: number;
  readonly halted: string | null;
  readonly eventsPerSecond: number;
}

function replay(
  revision: Revision,
  options: Required<L1DemoOptions>,
): { result: RevisionResult; events: KernelEvent[]; initial: KernelState } {
  const { config, events } = generateForkStorm({ ...options, l1: revision });
  const initial = kernelMachine.init(config);
  const replayer = new Replayer(kernelMachine, initial);
  const started = performance.now();
  for (const event of events) replayer.apply(event);
  const ms = performance.now() - started;
  const state = replayer.peek();
  const view = l1View(state);
  const c = view.counters;
  const result: RevisionResult = {
    events: events.length,
    forks: events.filter((e) => e.op === "pmap.create").length,
    asleepAtEnd: view.sleepers,
    completedAfterSleeping: c.afterBackoff,
    polls: c.retries,
    pagesMigrated: c.pagesMigrated,
    pagesHoarded: c.pagesHoarded,
    freePages: view.freePages,
    largestAlignedFreeRun: view.largestAlignedFreeRun,
    halted: state.panic,
    eventsPerSecond: Math.round((events.length / ms) * 1000),
  };
  return { result, events, initial };
}

/**
 * Runs the comparison and tells it on `out`; returns the numbers (for --json).
 * @example l1Demo({ say: console.log })
 */
export function l1Demo(
  out: { say(line: string): void },
  options: L1DemoOptions = {},
): Record<string, unknown> {
  const opts = {
    seed: options.seed ?? 7,
    events: options.events ?? 20_000,
    ramPages: options.ramPages ?? 4096,
  };
  out.say(
    `L1 tables (seed 002): a fork storm of ${opts.events} events on ${opts.ramPages} frames, seed ${opts.seed}, per pmap revision`,
  );
  const summary: Record<string, unknown> = { options: opts, stall: STALL };
  for (const revision of REVISIONS) {
    const { result, events, initial } = replay(revision, opts);
    summary[revision] = result;
    out.say(
      `  ${revision.padEnd(7)} ${result.forks} forks: ${result.asleepAtEnd} still asleep at the end, ${result.completedAfterSleeping} finished after sleeping; ` +
        `${result.polls} failed polls, ${result.pagesMigrated} pages moved, ${result.pagesHoarded} pages hoarded; ` +
        `${result.freePages} free, largest aligned free run ${result.largestAlignedFreeRun}` +
        `${result.halted === null ? "" : `; HALTED: ${result.halted}`} (${result.eventsPerSecond} events/s)`,
    );
    if (revision !== "2001") continue;
    const timeline = new Timeline(stallMachine, initial, arraySource(events));
    const found = bisect(timeline, parsePredicate(`expr:${STALL}`), { everyEvent: true });
    summary.firstStall = found.index;
    if (found.index === undefined) {
      out.say("          bisect: the storm never stalls");
      continue;
    }
    const at = l1View(timeline.stateAt(found.index + 1));
    out.say(
      `          bisect: first stall at event ${found.index} (${JSON.stringify(events[found.index])}): ` +
        `${at.freePages} pages free, largest aligned free run ${at.largestAlignedFreeRun}, the page daemon sees enough`,
    );
  }
  out.say(
    "  2001/2003 wait for an exiting process to hand back an L1 (2003 polls less, never more than 1 s apart: lbolt);",
  );
  out.say(
    "  2021 hoards free pages until the daemon's evictions complete a run, starving every other allocation meanwhile;",
  );
  out.say("  migrate moves user pages out of one aligned run and takes it at once.");
  return summary;
}
