/**
 * The Symbian story of seeds 000 and 001 in numbers: a demand-paging workload through the live
 * list and its page tables, then t_pagetable_limit replayed on revision 2009 against 2010, with
 * the first event where they part and why.
 */
import { compareRuns, formatDiff, Replayer, sameOutcome, type Outcome } from "@pagefold/engine";
import {
  configureKernel,
  kernelMachine,
  type KernelConfig,
  type KernelEvent,
  type PagerView,
  type PageTablesView,
} from "@pagefold/kernel";
import { generatePagingWorkload, runPagetableLimit } from "@pagefold/traces";

const SEED = 7;
const EVENTS = 100_000;

/** Runs the paging demo, saying what it sees; returns the numbers for `--json`. */
export function pagingDemo(out: { say(line: string): void }): Record<string, unknown> {
  return { workload: workload(out), revisions: revisions(out) };
}

function workload(out: { say(line: string): void }): Record<string, unknown> {
  const { config, events } = generatePagingWorkload({ seed: SEED, events: EVENTS });
  const replayer = new Replayer(kernelMachine, kernelMachine.init(config));
  const t = performance.now();
  for (const event of events) replayer.apply(event);
  const ms = performance.now() - t;
  const view = kernelMachine.view(replayer.peek()) as { pager: PagerView; pagetables: PageTablesView };
  const { pager, pagetables: pts } = view;
  const c = pager.counters;
  out.say(
    `paging: ${EVENTS.toLocaleString("en-US")} events of a seeded workload (seed ${SEED}): 8 processes touch pages`,
  );
  out.say(
    `  through paged page tables; the cache (the live list) holds ${config.pager.minPages} to ${config.pager.maxPages} pages`,
  );
  out.say(
    `  live list now: young ${pager.young}, old ${pager.old}, oldest clean ${pager.oldestClean}, oldest dirty ${pager.oldestDirty}`,
  );
  out.say(
    `    (${pager.currentPages} pages = min ${pager.minPages} + ${pager.freePages} free; ${pager.dirtyPages} dirty, ${pager.pinnedPages} pinned)`,
  );
  out.say(
    `  accesses: ${c.hits} hits the kernel never saw, ${c.softFaults} soft faults (old pages rejuvenated,`,
  );
  out.say(
    `    resident pages re-mapped), ${c.hardFaults} hard faults (page-ins); ${c.steals} pages stolen back`,
  );
  out.say(
    `  page tables: ${pts.tablesInUse} in use on ${pts.unpaged.ptPages} unpaged + ${pts.paged.ptPages} paged pages;`,
  );
  out.say(
    `    cleanup lists hold ${pts.unpaged.cleanupPages} unpaged + ${pts.paged.cleanupPages} paged empty pages`,
  );
  out.say(`  replayed at ${Math.round((events.length / ms) * 1000).toLocaleString("en-US")} events/s`);
  return {
    events: events.length,
    ms,
    pager: { ...pager, lists: undefined },
    pagetables: { ...pts, pages: undefined },
  };
}

function configFor(base: KernelConfig, revision: "2009" | "2010"): KernelConfig {
  const checked = configureKernel({ ...base, revisions: { ...base.revisions, pagetables: revision } });
  if (!checked.ok) throw new Error(checked.message);
  return checked.value;
}

/** The first event whose answers differ (compareRuns stops at it when no digest is compared before). */
function firstOutcomeDivergence(a: KernelConfig, b: KernelConfig, events: readonly KernelEvent[]) {
  return compareRuns(kernelMachine, kernelMachine.init(a), kernelMachine.init(b), events, {
    checkpointEvery: Number.MAX_SAFE_INTEGER,
  }).divergence;
}

function describeOutcome(outcome: Outcome): string {
  if (!outcome.ok) return `${outcome.code} (${outcome.message ?? ""})`;
  const steals = (outcome.effects ?? []).filter((e) => e.kind === "pt-random-steal").map((e) => e["ptPage"]);
  const value = JSON.stringify(outcome.value);
  return steals.length === 0
    ? `ok ${value}`
    : `ok ${value} after stealing paged page-table page ${steals.join(", ")} at random`;
}

function revisions(out: { say(line: string): void }): Record<string, unknown> {
  const run = runPagetableLimit({ revision: "2010", arch: "x86" });
  const a = configFor(run.config, "2009");
  const b = configFor(run.config, "2010");
  out.say("");
  out.say(
    `pagetables 2009 vs 2010 on t_pagetable_limit (x86: ${run.events.length.toLocaleString("en-US")} events; processes map`,
  );
  out.say(
    `  20 unpaged and 20 paged chunks of 40 page tables until a mapping fails, then accessors map paged ones)`,
  );
  out.say(
    `  process ${run.limit?.process} fails in unpaged chunk ${run.limit?.chunk}; ${run.accessorsMapped} accessor processes then map on 2010`,
  );
  const first = compareRuns(kernelMachine, kernelMachine.init(a), kernelMachine.init(b), run.events);
  const d = first.divergence;
  if (d !== undefined) {
    out.say(`  the states part at event ${d.index} (${d.event.op}), when paging boots: Init2 in 2010 keeps`);
    out.say(`    KMinUnpinnedPagedPtPages at the top for pinning: ${formatDiff(d.stateDiff).join("; ")}`);
  }
  const answer = firstOutcomeDivergence(a, b, run.events);
  if (answer !== undefined && !sameOutcome(answer.left, answer.right)) {
    out.say(
      `  the answers part at event ${answer.index} (${JSON.stringify(answer.event)}), an accessor's paged table:`,
    );
    out.say(`    2009: ${describeOutcome(answer.left)}`);
    out.say(`    2010: ${describeOutcome(answer.right)}`);
    out.say("    2009's TPtPageAllocator::Alloc fails once the paged region reaches the unpaged one; 2010's");
    out.say("    AllocReserve steals a random paged page-table page (RandomPagedPtPage) and retries");
  }
  return {
    events: run.events.length,
    limit: run.limit,
    accessorsMapped: run.accessorsMapped,
    firstStateDivergence: d === undefined ? null : { index: d.index, op: d.event.op, diff: d.stateDiff },
    firstOutcomeDivergence:
      answer === undefined
        ? null
        : { index: answer.index, event: answer.event, left: answer.left, right: answer.right },
  };
}
