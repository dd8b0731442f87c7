import fc from "fast-check";
import type { KernelEvent } from "../../src/index.js";
import { sparseEach } from "../../src/sparse-table.js";
import type { Driver } from "./driver.js";

/**
 * Commands for model-based tests of kmem, l1 and the page daemon. Frees, destroys and pool-page
 * frees pick among what the driver saw handed out; a few raw frees hit arbitrary kernel VA.
 */
export type Command =
  | { readonly kind: "suballoc"; readonly name: number; readonly pages: number }
  | { readonly kind: "kmemalloc"; readonly map: number; readonly pages: number; readonly flags: number }
  | { readonly kind: "alloc1" | "valloc" | "vallocWait"; readonly map: number; readonly pages: number }
  | { readonly kind: "free"; readonly pick: number; readonly wakeup: boolean }
  | { readonly kind: "rawFree"; readonly page: number; readonly pages: number }
  | { readonly kind: "pool"; readonly map: number; readonly free: boolean; readonly pick: number }
  | { readonly kind: "user"; readonly pages: number; readonly free: boolean; readonly pick: number }
  | { readonly kind: "create"; readonly pmap: number }
  | { readonly kind: "destroy"; readonly pick: number }
  | { readonly kind: "page"; readonly page: number }
  | { readonly kind: "tick"; readonly n: number }
  | { readonly kind: "pdaemon" };

const SUBMAPS = ["kmem_map", "mb_map", "exec_map"] as const;
const FLAGS = ["nowait", "valloc", "trylock"] as const;

const kmArbs = [
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("suballoc" as const),
      name: fc.nat(2),
      pages: fc.integer({ min: 1, max: 48 }),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("kmemalloc" as const),
      map: fc.nat(),
      pages: fc.integer({ min: 1, max: 12 }),
      flags: fc.nat(15),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constantFrom("alloc1" as const, "valloc" as const, "vallocWait" as const),
      map: fc.nat(),
      pages: fc.integer({ min: 1, max: 20 }),
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({ kind: fc.constant("free" as const), pick: fc.nat(), wakeup: fc.boolean() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("rawFree" as const),
      page: fc.nat(2200),
      pages: fc.integer({ min: 1, max: 8 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("pool" as const),
      map: fc.nat(),
      free: fc.boolean(),
      pick: fc.nat(),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("user" as const),
      pages: fc.integer({ min: 1, max: 6 }),
      free: fc.nat(9).map((n) => n < 3),
      pick: fc.nat(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("tick" as const), n: fc.integer({ min: 1, max: 150 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "pdaemon" as const }) },
];

/** Kernel memory, user pages, time and the daemon. */
export const kmCommandArb: fc.Arbitrary<Command> = fc.oneof(...kmArbs);

/** The same plus pmaps being created and destroyed (a fork storm in miniature). */
export const pmapCommandArb: fc.Arbitrary<Command> = fc.oneof(
  ...kmArbs,
  { weight: 24, arbitrary: fc.record({ kind: fc.constant("create" as const), pmap: fc.nat(300) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("destroy" as const), pick: fc.nat() }) },
  { weight: 12, arbitrary: fc.record({ kind: fc.constant("page" as const), page: fc.nat(400) }) },
);

const pick = <T>(items: T[], n: number): T | undefined =>
  items.length === 0 ? undefined : items[n % items.length];
const take = <T>(items: T[], n: number): T | undefined =>
  items.length === 0 ? undefined : items.splice(n % items.length, 1)[0];

/** The event a command stands for on the driver's machine now (frees take their item off the lists). */
export function resolve(command: Command, driver: Driver): KernelEvent {
  const map = (n: number) => pick(driver.maps, n) ?? "kernel_map";
  switch (command.kind) {
    case "suballoc":
      return { op: "km.suballoc", name: SUBMAPS[command.name]!, size: command.pages * 4096 };
    case "kmemalloc": {
      const flags = FLAGS.filter((_, i) => (command.flags & (1 << i)) !== 0);
      const locked = (command.flags & 8) !== 0;
      return {
        op: "km.kmemalloc",
        map: map(command.map),
        size: command.pages * 4096 - 100,
        flags,
        ...(locked ? { mapLocked: true } : {}),
      };
    }
    case "alloc1":
      return {
        op: "km.alloc1",
        map: map(command.map),
        size: command.pages * 4096,
        zero: command.pages % 2 === 0,
      };
    case "valloc":
    case "vallocWait":
      return {
        op: command.kind === "valloc" ? "km.valloc" : "km.vallocWait",
        map: map(command.map),
        size: command.pages * 4096,
      };
    case "free": {
      const held = take(
        driver.held.filter((h) => !h.pool),
        command.pick,
      );
      if (held === undefined) return { op: "tick" };
      driver.held.splice(driver.held.indexOf(held), 1);
      return {
        op: command.wakeup ? "km.freeWakeup" : "km.free",
        map: held.map,
        addr: held.kva,
        size: held.size,
      };
    }
    case "rawFree": {
      // Only holes and VA nobody holds (the 1998 NOWAIT tails): what callers hold they free themselves.
      const owners = new Set<string>();
      sparseEach(driver.state.kmem.maps.kernel_map!.entries, (start, e) => {
        if (start < command.page + command.pages && start + e.pages > command.page) owners.add(e.owner);
      });
      if ([...owners].some((o) => o !== "none")) return { op: "tick" };
      return {
        op: "km.free",
        map: "kernel_map",
        addr: 0xf0000000 + command.page * 4096,
        size: command.pages * 4096,
      };
    }
    case "pool": {
      const held = command.free
        ? take(
            driver.held.filter((h) => h.pool),
            command.pick,
          )
        : undefined;
      if (held === undefined) return { op: "km.poolpageAlloc", map: map(command.map) };
      driver.held.splice(driver.held.indexOf(held), 1);
      return { op: "km.poolpageFree", map: held.map, addr: held.kva };
    }
    case "user": {
      const pfn = command.free ? take(driver.userPages, command.pick) : undefined;
      if (pfn !== undefined) return { op: "ram.free", pfn, pages: 1 };
      return { op: "ram.alloc", pages: command.pages > 4 ? 2 : 1, movable: true };
    }
    case "create":
      return { op: "pmap.create", pmap: command.pmap };
    case "destroy": {
      const pmap = take(driver.pmaps, command.pick);
      return pmap === undefined ? { op: "pdaemon.run" } : { op: "pmap.destroy", pmap };
    }
    case "page":
      return { op: "page.access", page: command.page };
    case "tick":
      return { op: "tick", n: command.n };
    case "pdaemon":
      return { op: "pdaemon.run" };
  }
}
