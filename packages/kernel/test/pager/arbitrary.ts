/**
 * fast-check arbitraries for the pt.*, page.* and pager.* ops. Commands pick their targets when
 * they are resolved against the machine as it runs (the n-th allocated page table, a pinned page,
 * ...), so long streams stay meaningful: most events hit something real, some are refused.
 */
import { applyEvent } from "@pagefold/engine";
import fc from "fast-check";
import {
  kernelMachine,
  type KernelConfigInput,
  type KernelEvent,
  type KernelState,
} from "../../src/index.js";
import { sparseForEach, sparseKeys } from "../../src/pagetables/sparse.js";
import { boot } from "../helpers.js";

/** Page keys the streams touch: few enough to hit, rejuvenate and steal the same pages. */
export const PAGE_KEYS = 48;

export type PagingCommand =
  | { kind: "access"; page: number; write: boolean; table: number | null }
  | {
      kind: "page";
      op: "page.rejuvenate" | "page.free" | "page.pin" | "page.unpin" | "page.clean";
      page: number;
    }
  | { kind: "bare"; op: "page.steal" | "pager.flush" | "pt.cleanup" | "tick" }
  | { kind: "resize"; minPages: number; maxPages: number }
  | { kind: "ptAlloc"; paged: boolean }
  | { kind: "pt"; op: "pt.free" | "pt.pin" | "pt.unpin"; pick: number }
  | { kind: "ptPage"; op: "pt.steal" | "pt.move"; pick: number; info: boolean }
  | { kind: "ram"; alloc: boolean; pick: number };

/** A hot set of a dozen pages (hits, rejuvenations) and a cold rest (page-ins, steals). */
const page = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 11 }) },
  fc.integer({ min: 0, max: PAGE_KEYS - 1 }),
);
const pick = fc.nat({ max: 1000 });

export const pagingCommandArb: fc.Arbitrary<PagingCommand> = fc.oneof(
  {
    weight: 30,
    arbitrary: fc.record({
      kind: fc.constant("access" as const),
      page,
      write: fc.boolean(),
      table: fc.option(pick, { nil: null }),
    }),
  },
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant("page" as const),
      op: fc.constantFrom(
        "page.rejuvenate" as const,
        "page.free" as const,
        "page.pin" as const,
        "page.unpin" as const,
        "page.clean" as const,
      ),
      page,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("bare" as const),
      op: fc.constantFrom(
        "page.steal" as const,
        "pager.flush" as const,
        "pt.cleanup" as const,
        "tick" as const,
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("resize" as const),
      minPages: fc.nat({ max: 96 }),
      maxPages: fc.nat({ max: 128 }),
    }),
  },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant("ptAlloc" as const), paged: fc.boolean() }) },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant("pt" as const),
      op: fc.constantFrom("pt.free" as const, "pt.pin" as const, "pt.unpin" as const),
      pick,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("ptPage" as const),
      op: fc.constantFrom("pt.steal" as const, "pt.move" as const),
      pick,
      info: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("ram" as const), alloc: fc.boolean(), pick }) },
);

/** Small machines: RAM pressure, every arch, revision and policy. */
export const pagingConfigArb: fc.Arbitrary<KernelConfigInput & { ramPages: number }> = fc.record({
  ramPages: fc.constantFrom(256, 512, 1024),
  arch: fc.constantFrom("arm" as const, "x86" as const),
  pager: fc.record({
    minPages: fc.integer({ min: 16, max: 40 }),
    maxPages: fc.integer({ min: 40, max: 96 }),
    policy: fc.constantFrom("live-list" as const, "lru" as const, "fifo" as const, "clock" as const),
  }),
  revisions: fc.record({ pagetables: fc.constantFrom("2009" as const, "2010" as const) }),
});

function nth<T>(items: readonly T[], n: number): T | undefined {
  return items.length === 0 ? undefined : items[n % items.length];
}

/** The event a command means on `state` (allocated tables, committed pages, ram blocks held). */
export function resolveCommand(state: KernelState, command: PagingCommand, ramBlocks: number[]): KernelEvent {
  const tables = (paged?: boolean): number[] => {
    const out: number[] = [];
    sparseForEach(state.pagetables.infos, (pt, info) => {
      if (info.used && info.permanence === 0 && (paged === undefined || info.paged === paged)) out.push(pt);
    });
    return out;
  };
  switch (command.kind) {
    case "access": {
      const pt = command.table === null ? undefined : nth(tables(true), command.table);
      return {
        op: "page.access",
        page: command.page,
        ...(command.write ? { write: true } : {}),
        ...(pt === undefined ? {} : { pt }),
      };
    }
    case "page":
      return { op: command.op, page: command.page };
    case "bare":
      return { op: command.op };
    case "resize":
      return { op: "pager.resize", minPages: command.minPages, maxPages: command.maxPages };
    case "ptAlloc":
      return { op: "pt.alloc", paged: command.paged };
    case "pt":
      return {
        op: command.op,
        pt: nth(tables(command.op === "pt.free" ? undefined : true), command.pick) ?? command.pick + 1,
      };
    case "ptPage": {
      const pages = sparseKeys(command.info ? state.pagetables.infoPages : state.pagetables.ptPages);
      return {
        op: command.op,
        ptPage: nth(pages, command.pick) ?? command.pick,
        ...(command.info ? { info: true } : {}),
      };
    }
    case "ram":
      if (command.alloc || ramBlocks.length === 0) return { op: "ram.alloc", pages: 1 + (command.pick % 8) };
      return { op: "ram.free", pfn: ramBlocks.splice(command.pick % ramBlocks.length, 1)[0]!, pages: 1 };
  }
}

/** A stream of events resolved against a bulk run of the machine, with its config. */
export const pagingStreamArb = fc
  .tuple(pagingConfigArb, fc.array(pagingCommandArb, { minLength: 1, maxLength: 240, size: "max" }))
  .map(([config, commands]) => {
    const state = boot(config.ramPages, config);
    const ramBlocks: number[] = [];
    const events = commands.map((command) => {
      const event = resolveCommand(state, command, ramBlocks);
      const outcome = applyEvent(kernelMachine, state, event);
      if (event.op === "ram.alloc" && outcome.ok) {
        const { pfn } = outcome.value as { pfn: number };
        for (let p = pfn; p < pfn + event.pages; p++) ramBlocks.push(p);
      }
      return event;
    });
    return { config, events };
  });
