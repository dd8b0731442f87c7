/** Pages and the paged page tables that map them: RejuvenatePageTable, PTE counts, freeing tables. */
import { describe, expect, it } from "vitest";
import { PageStateBits, testPageState } from "../../src/index.js";
import { sparseGet } from "../../src/pagetables/sparse.js";
import { codeOf } from "../helpers.js";
import { kinds, PagingMachine } from "../pagetables/machine.js";

const ptFrame = (m: PagingMachine, pt: number) =>
  sparseGet(m.state.pager.frames, sparseGet(m.state.pagetables.ptPages, Math.floor(pt / 4))!)!;

describe("page.access through a paged page table", () => {
  it("puts the page-table page on the live list at the first page-in through it (RejuvenatePageTable)", () => {
    const m = new PagingMachine();
    const pt = m.pt(true);
    expect(ptFrame(m, pt).state, "EUnpaged until a page is mapped").toBe(0);
    m.ok({ op: "page.access", page: 1, pt });
    expect(ptFrame(m, pt).state).toBe(1);
    expect(sparseGet(m.state.pagetables.infos, pt)?.pageCount).toBe(1);
    expect(testPageState(m.state, 1, pt) & PageStateBits.PteValid).toBeTruthy();
  });

  it("maps a shared page once per table: another table's first touch is a soft fault", () => {
    const m = new PagingMachine();
    const a = m.pt(true);
    const b = m.pt(true);
    expect(m.ok({ op: "page.access", page: 1, pt: a })).toMatchObject({ kind: "pagein" });
    expect(m.ok({ op: "page.access", page: 1, pt: b })).toMatchObject({ kind: "remap" });
    expect(m.ok({ op: "page.access", page: 1, pt: a })).toMatchObject({ kind: "hit" });
    expect(m.state.pager.counters).toMatchObject({ hardFaults: 1, softFaults: 1, hits: 1 });
  });

  it("frees a table left mapping nothing when its last page is stolen or decommitted", () => {
    const m = new PagingMachine({ pager: { minPages: 16, maxPages: 16 } });
    const pt = m.pt(true);
    m.ok({ op: "page.access", page: 1, pt });
    const outcome = m.run({ op: "page.free", page: 1 });
    expect(kinds(outcome)).toEqual(["pt-freed", "pt-page-to-cleanup", "cleanup-queued", "freed"]);
    expect(outcome.effects![0]).toEqual({ kind: "pt-freed", pt, why: "maps no pages" });
    expect(m.state.pagetables.inUse).toBe(1);
    expect(codeOf(m.run({ op: "page.access", page: 2, pt }))).toBe("KErrArgument");
  });

  it("refuses tables that are not allocated or unpaged", () => {
    const m = new PagingMachine();
    expect(codeOf(m.run({ op: "page.access", page: 1, pt: 77 }))).toBe("KErrArgument");
    expect(codeOf(m.run({ op: "page.access", page: 1, pt: m.pt(false) }))).toBe("KErrArgument");
  });

  it("reallocates the table when the page-in stole the page holding it (GetOrAllocatePageTable)", () => {
    const m = new PagingMachine({ pager: { minPages: 16, maxPages: 16 } });
    const pt = m.pt(true);
    m.ok({ op: "page.access", page: 100, pt });
    m.ok({ op: "page.pin", page: 100 }); // keeps the table in use while its page ages on the list
    const ptPfn = sparseGet(m.state.pagetables.ptPages, Math.floor(pt / 4))!;
    let page = 0;
    while (m.state.pager.oldestClean.tail !== ptPfn) m.ok({ op: "page.access", page: page++ });
    const outcome = m.run({ op: "page.access", page: 200, pt });
    expect(kinds(outcome)).toContain("pt-forced-free");
    expect(outcome.effects).toContainEqual({ kind: "pt-realloc", from: pt, to: pt }); // the same index, a new table
    expect(outcome).toMatchObject({ ok: true, value: { kind: "pagein", pt } });
    expect(sparseGet(m.state.pagetables.infos, pt)?.pageCount).toBe(1);
  });
});
