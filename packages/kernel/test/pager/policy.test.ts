/** The comparison policies on the same events as the live list. */
import { describe, expect, it } from "vitest";
import type { PagerPolicy } from "../../src/index.js";
import { PagingMachine } from "../pagetables/machine.js";

/** Fills a 16-page cache with pages 0..15, touches page 0, then pages in page 16: who goes? */
function victimAfterTouchingPage0(policy: PagerPolicy): { stolen: number; kind: string } {
  const m = new PagingMachine({ pager: { minPages: 16, maxPages: 16, policy } });
  for (let page = 0; page < 16; page++) m.ok({ op: "page.access", page });
  const touch = m.ok<{ kind: string }>({ op: "page.access", page: 0 });
  const { stolen } = m.ok<{ stolen: number }>({ op: "page.access", page: 16 });
  if (policy !== "live-list")
    expect(m.state.pager.old.count + m.state.pager.oldestDirty.count, "no ages").toBe(0);
  return { stolen, kind: touch.kind };
}

describe("replacement policies", () => {
  it("lru evicts the least recently used page, fifo the first in, clock gives page 0 a second chance", () => {
    expect(victimAfterTouchingPage0("lru")).toEqual({ stolen: 1, kind: "hit" });
    expect(victimAfterTouchingPage0("fifo")).toEqual({ stolen: 0, kind: "hit" });
    expect(victimAfterTouchingPage0("clock")).toEqual({ stolen: 1, kind: "hit" });
  });

  it("the live list sees no touch of a young page: page 0 was aged and rejuvenated, page 1 goes", () => {
    // pages 0..3 are old or oldest after 16 page-ins; touching page 0 is a soft fault
    expect(victimAfterTouchingPage0("live-list")).toEqual({ stolen: 1, kind: "rejuvenate" });
  });

  it("clock clears the reference bits it passes and new pages enter with the bit clear", () => {
    const m = new PagingMachine({ pager: { minPages: 16, maxPages: 16, policy: "clock" } });
    for (let page = 0; page < 16; page++) m.ok({ op: "page.access", page });
    for (const page of [0, 1, 2]) m.ok({ op: "page.access", page });
    expect(m.ok({ op: "page.access", page: 16 })).toMatchObject({ stolen: 3 });
    expect(m.ok({ op: "page.access", page: 17 })).toMatchObject({ stolen: 4 });
    // the hand passed 0, 1, 2 (now clear); 16 and 17 entered just behind it, so after 5..15 the
    // hand reaches 0 again, and takes it
    for (let page = 18; page < 29; page++) m.ok({ op: "page.access", page });
    expect(m.ok({ op: "page.access", page: 29 })).toMatchObject({ stolen: 0 });
    expect(m.ok({ op: "page.access", page: 30 })).toMatchObject({ stolen: 1 });
  });
});
