/**
 * HelenOS kernel/test/btree/btree1 (KERNEL-SOURCES.md §3.5, HOS-AS-2) on an area's used space,
 * driven by page faults: the even pages fault in btree1's insertion order (101 separate intervals,
 * a three-level B+tree with splits and rotations), then the odd pages in btree1's removal order
 * (every fault merges with a neighbour, and each merge of two intervals removes a key, with the
 * rotations and node combinations of btree1's removals), then the area shrinks in steps. The
 * oracle is btree1's: no panic, and the final set (here: one interval, then its shrinking prefix).
 */
import { step } from "@pagefold/engine";
import { kernelMachine, type AddrspaceView, type KernelEvent, type KernelState } from "@pagefold/kernel";
import { describe, expect, it } from "vitest";
import { codeOf, type Revision } from "./scenario.js";
import { applyRevisionOverrides, configureKernel } from "@pagefold/kernel";

const BTREE1_INSERT = [
  19,
  20,
  21,
  0,
  25,
  22,
  26,
  23,
  24,
  5,
  1,
  4,
  28,
  29,
  7,
  8,
  9,
  17,
  18,
  2,
  3,
  6,
  10,
  11,
  12,
  13,
  14,
  15,
  16,
  27,
  ...Array.from({ length: 20 }, (_, i) => 30 + i),
  ...Array.from({ length: 51 }, (_, i) => 100 - i),
];
const BTREE1_REMOVE = [
  50,
  49,
  51,
  46,
  45,
  48,
  53,
  47,
  52,
  54,
  65,
  60,
  99,
  97,
  57,
  58,
  61,
  64,
  56,
  41,
  ...Array.from({ length: 15 }, (_, i) => 5 + i),
  2,
  43,
  22,
  100,
  98,
  96,
  66,
  1,
  ...Array.from({ length: 20 }, (_, i) => 70 + i),
  20,
  0,
  40,
  3,
  4,
  21,
  44,
  55,
  62,
  26,
  27,
  28,
  29,
  30,
  31,
  32,
  33,
  93,
  95,
  94,
  69,
  68,
  92,
  91,
  67,
  63,
  90,
  59,
  23,
  24,
  25,
  37,
  38,
  42,
  39,
  34,
  35,
  36,
];
const P = 4096;
const BASE = 0x100000;
const PAGES = 202;

function boot(rev: Revision): KernelState {
  const base = configureKernel({ ramPages: 256 });
  if (!base.ok) throw new Error(base.message);
  const config = applyRevisionOverrides(base.value, [`addrspace=${rev}`]);
  if (!config.ok) throw new Error(config.message);
  return kernelMachine.init(config.value);
}

const used = (state: KernelState): readonly string[] =>
  (kernelMachine.view(state) as { addrspace: AddrspaceView }).addrspace.spaces["1"]!.areas["0x00100000"]!
    .used;
const fault = (page: number): KernelEvent => ({
  op: "as.fault",
  as: 1,
  addr: BASE + page * P,
  access: "write",
});
const interval = (page: number, count: number): string =>
  `0x${(BASE + page * P).toString(16).padStart(8, "0")}+${count}`;

describe("btree1 on used space", () => {
  it("the scripts cover every key 0..100 once", () => {
    expect([...BTREE1_INSERT].sort((a, b) => a - b)).toEqual(Array.from({ length: 101 }, (_, i) => i));
    expect([...BTREE1_REMOVE].sort((a, b) => a - b)).toEqual(Array.from({ length: 101 }, (_, i) => i));
  });

  it.each(["2006", "fixed"] as const)(
    "revision %s: inserts, merges and shrinks give btree1's final sets",
    (rev) => {
      let state = boot(rev);
      const apply = (event: KernelEvent): string => {
        const [next, outcome] = step(kernelMachine, state, event);
        state = next;
        return codeOf(outcome);
      };
      expect(apply({ op: "as.create", as: 1 })).toBe("ok");
      expect(apply({ op: "area.create", as: 1, base: BASE, size: PAGES * P, flags: ["read", "write"] })).toBe(
        "ok",
      );

      for (const k of BTREE1_INSERT) expect(apply(fault(2 * k))).toBe("AS_PF_OK");
      expect(used(state)).toEqual(Array.from({ length: 101 }, (_, k) => interval(2 * k, 1)));

      const gaps = new Set(Array.from({ length: 101 }, (_, k) => k));
      for (const k of BTREE1_REMOVE) {
        expect(apply(fault(2 * k + 1))).toBe("AS_PF_OK");
        gaps.delete(k);
        const expected: string[] = [];
        let start = 0;
        for (let j = 0; j <= 100; j++) {
          if (j === 100 || gaps.has(j)) {
            expected.push(interval(2 * start, 2 * (j - start) + (j === 100 && !gaps.has(j) ? 2 : 1)));
            start = j + 1;
          }
        }
        expect(used(state)).toEqual(expected);
      }
      expect(used(state)).toEqual([interval(0, PAGES)]);
      expect(state.ram.freePages).toBe(256 - PAGES);

      for (const pages of [150, 101, 37, 1]) {
        expect(apply({ op: "area.resize", as: 1, addr: BASE, size: pages * P })).toBe("ok");
        expect(used(state)).toEqual([interval(0, pages)]);
        expect(state.ram.freePages).toBe(256 - pages);
      }
    },
  );
});
