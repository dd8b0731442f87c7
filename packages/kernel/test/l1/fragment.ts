import type { KernelConfigInput } from "../../src/index.js";
import { Driver } from "../kmem/driver.js";

export type L1Revision = "2001" | "2003" | "2021" | "migrate";

/**
 * A 1024-frame machine where pmaps 0..63 hold the 64 static L1s (frames 0..255), and every other
 * frame was a single-page user allocation, 3 of every 4 of them freed again: 576 pages free (far
 * above freetarg = 68), and not one 16 KiB-aligned run. `keepPaged`: the page kept in each group
 * is paged content (reclaimable by the page daemon) instead of a movable user page; `keepAnon`:
 * an anonymous page of an idle address space (reclaimed like a swap-out).
 */
export function fragmented(
  l1: L1Revision,
  options: { movable?: boolean; keepPaged?: boolean; keepAnon?: boolean } = {},
): Driver {
  const config: KernelConfigInput = { revisions: { l1 }, pager: { minPages: 16, maxPages: 800 } };
  const d = new Driver(1024, config);
  for (let pmap = 0; pmap < 64; pmap++) d.run({ op: "pmap.create", pmap });
  if (options.keepPaged === true) d.run({ op: "page.access", page: 0 }); // the pager boots: 16 frames
  const singles: number[] = [];
  for (;;) {
    const outcome = d.run({ op: "ram.alloc", pages: 1, movable: options.movable !== false });
    if (!outcome.ok) break;
    singles.push((outcome.value as { pfn: number }).pfn);
  }
  const kept = (pfn: number) => pfn % 4 === (pfn >> 2) % 4;
  if (options.keepAnon === true) {
    d.run({ op: "as.create", as: 1 });
    d.run({
      op: "area.create",
      as: 1,
      base: 0x10000,
      size: 1024 * 4096,
      flags: ["read", "write"],
      backend: "anon",
    });
  }
  if (options.keepPaged === true || options.keepAnon === true) {
    for (const pfn of singles) if (kept(pfn)) d.run({ op: "ram.free", pfn, pages: 1 });
    for (let page = 1; d.state.ram.freePages > 0; page++) {
      if (options.keepAnon === true)
        d.run({ op: "as.fault", as: 1, addr: 0x10000 + page * 4096, access: "write" });
      else d.run({ op: "page.access", page });
    }
    for (const pfn of singles) if (!kept(pfn)) d.run({ op: "ram.free", pfn, pages: 1 });
  } else {
    for (const pfn of singles) if (!kept(pfn)) d.run({ op: "ram.free", pfn, pages: 1 });
  }
  return d;
}
