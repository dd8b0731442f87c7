/**
 * The answers of as_area_create, as_area_resize, as_area_share and as_page_fault (KERNEL-SOURCES.md
 * §3.2, HOS-AS-3/4), each row run on the same address space in both revisions: EPERM at size 0,
 * EADDRNOTAVAIL growing into a neighbour or kernel space, the NULL page refused, ENOTSUP for
 * device and shared areas, the share's ENOENT/ENOTSUP/EPERM/ENOMEM, and the fault codes.
 */
import { applyEvent, checkInvariants } from "@pagefold/engine";
import { applyRevisionOverrides, configureKernel, kernelMachine, type KernelState } from "@pagefold/kernel";
import { describe, expect, it } from "vitest";
import { codeOf, type Revision } from "./scenario.js";

const P = 4096;
const RW = ["read", "write"];

/**
 * Address space 1: anonymous A [0x10000, +4 pages) with page 0 resident, B [0x20000, +2), a device
 * area D [0x40000, +2), N [0x50000, +2) without backend, K [0x7fffe000, +1) below kernel space,
 * and S [0x60000, +2) shared into address space 2 at 0x60000.
 */
function setup(rev: Revision): KernelState {
  const base = configureKernel({ ramPages: 64 });
  if (!base.ok) throw new Error(base.message);
  const config = applyRevisionOverrides(base.value, [`addrspace=${rev}`]);
  if (!config.ok) throw new Error(config.message);
  const state = kernelMachine.init(config.value);
  const events = [
    { op: "as.create", as: 1 },
    { op: "as.create", as: 2 },
    { op: "area.create", as: 1, base: 0x10000, size: 4 * P, flags: RW },
    { op: "as.fault", as: 1, addr: 0x10000, access: "write" },
    { op: "area.create", as: 1, base: 0x20000, size: 2 * P, flags: RW },
    { op: "area.create", as: 1, base: 0x40000, size: 2 * P, flags: ["read", "write", "device"] },
    { op: "area.create", as: 1, base: 0x50000, size: 2 * P, flags: ["read"], backend: "none" },
    { op: "area.create", as: 1, base: 0x7fffe000, size: P, flags: ["read"] },
    { op: "area.create", as: 1, base: 0x60000, size: 2 * P, flags: RW },
    { op: "area.share", srcAs: 1, srcBase: 0x60000, size: 2 * P, dstAs: 2, dstBase: 0x60000 },
  ];
  for (const event of events) {
    const checked = kernelMachine.validate(event);
    if (!checked.ok) throw new Error(`${checked.path} ${checked.message}`);
    expect(applyEvent(kernelMachine, state, checked.value).ok, JSON.stringify(event)).toBe(true);
  }
  return state;
}

/** [what, event, answer in 2006, answer in fixed (when different)]. */
type Row = readonly [string, Record<string, unknown>, string, string?];

const resize: readonly Row[] = [
  ["ENOENT without an area", { op: "area.resize", as: 1, addr: 0x30000, size: P }, "ENOENT"],
  ["ENOENT for an unknown address space", { op: "area.resize", as: 9, addr: 0x10000, size: P }, "ENOENT"],
  ["ENOTSUP for a device area", { op: "area.resize", as: 1, addr: 0x40000, size: P }, "ENOTSUP"],
  ["ENOTSUP for the shared source", { op: "area.resize", as: 1, addr: 0x60000, size: P }, "ENOTSUP"],
  ["ENOTSUP for the shared destination", { op: "area.resize", as: 2, addr: 0x61000, size: 8 * P }, "ENOTSUP"],
  ["EPERM at size 0", { op: "area.resize", as: 1, addr: 0x10000, size: 0 }, "EPERM"],
  [
    "EPERM when (address - base) + size wraps to 0",
    { op: "area.resize", as: 1, addr: 0x11000, size: 0xfffff000 },
    "EPERM",
  ],
  [
    "EADDRNOTAVAIL growing into a neighbour",
    { op: "area.resize", as: 1, addr: 0x10000, size: 17 * P },
    "EADDRNOTAVAIL",
  ],
  [
    "EADDRNOTAVAIL growing into kernel space",
    { op: "area.resize", as: 1, addr: 0x7fffe000, size: 3 * P },
    "EADDRNOTAVAIL",
  ],
  [
    "growth is checked from the address, not the base",
    { op: "area.resize", as: 1, addr: 0x13000, size: 13 * P },
    "EADDRNOTAVAIL",
  ],
  ["growing up to a neighbour", { op: "area.resize", as: 1, addr: 0x10000, size: 16 * P }, "ok"],
  [
    "shrinking (frees the used page above the new end)",
    { op: "area.resize", as: 1, addr: 0x10000, size: P },
    "ok",
  ],
  ["resizing an area without a backend", { op: "area.resize", as: 1, addr: 0x50000, size: 4 * P }, "ok"],
];

const create: readonly Row[] = [
  ["EINVAL for a misaligned base", { op: "area.create", as: 1, base: 0x30010, size: P, flags: RW }, "EINVAL"],
  ["EINVAL for size 0", { op: "area.create", as: 1, base: 0x30000, size: 0, flags: RW }, "EINVAL"],
  [
    "EINVAL for write + exec",
    { op: "area.create", as: 1, base: 0x30000, size: P, flags: ["write", "exec"] },
    "EINVAL",
  ],
  [
    "EADDRNOTAVAIL on the NULL page",
    { op: "area.create", as: 1, base: 0, size: 2 * P, flags: RW },
    "EADDRNOTAVAIL",
  ],
  [
    "EADDRNOTAVAIL over another area",
    { op: "area.create", as: 1, base: 0x1e000, size: 3 * P, flags: RW },
    "EADDRNOTAVAIL",
  ],
  [
    "EADDRNOTAVAIL at another area's base",
    { op: "area.create", as: 1, base: 0x20000, size: P, flags: RW },
    "EADDRNOTAVAIL",
  ],
  [
    "EADDRNOTAVAIL in kernel space",
    { op: "area.create", as: 1, base: 0x80000000, size: P, flags: RW },
    "EADDRNOTAVAIL",
  ],
  [
    "ENOENT for an unknown address space",
    { op: "area.create", as: 9, base: 0x30000, size: P, flags: RW },
    "ENOENT",
  ],
  [
    "the page right above the NULL page",
    { op: "area.create", as: 1, base: 0x1000, size: P, flags: ["read", "exec"] },
    "ok",
  ],
  [
    "wrapping past 2^32 onto the NULL page",
    { op: "area.create", as: 1, base: 0xfffff000, size: 2 * P, flags: RW },
    "ok",
    "EINVAL",
  ],
];

const share: readonly Row[] = [
  [
    "ENOENT without a source area",
    { op: "area.share", srcAs: 1, srcBase: 0x30000, size: P, dstAs: 2, dstBase: 0x30000 },
    "ENOENT",
  ],
  [
    "ENOENT for an unknown destination",
    { op: "area.share", srcAs: 1, srcBase: 0x10000, size: 4 * P, dstAs: 9, dstBase: 0x30000 },
    "ENOENT",
  ],
  [
    "ENOTSUP for an area without a backend",
    { op: "area.share", srcAs: 1, srcBase: 0x50000, size: 2 * P, dstAs: 2, dstBase: 0x30000 },
    "ENOTSUP",
  ],
  [
    "EPERM when the size is not the area's",
    { op: "area.share", srcAs: 1, srcBase: 0x10000, size: 3 * P, dstAs: 2, dstBase: 0x30000 },
    "EPERM",
  ],
  [
    "ENOMEM when the destination conflicts",
    { op: "area.share", srcAs: 1, srcBase: 0x10000, size: 4 * P, dstAs: 2, dstBase: 0x5f000 },
    "ENOMEM",
  ],
  [
    "ENOMEM on the destination's NULL page",
    { op: "area.share", srcAs: 1, srcBase: 0x10000, size: 4 * P, dstAs: 2, dstBase: 0 },
    "ENOMEM",
  ],
  [
    "a device area with the anonymous backend",
    { op: "area.share", srcAs: 1, srcBase: 0x40000, size: 2 * P, dstAs: 2, dstBase: 0x40000 },
    "ok",
  ],
  [
    "within one address space",
    { op: "area.share", srcAs: 1, srcBase: 0x11000, size: 4 * P, dstAs: 1, dstBase: 0x30000 },
    "ok",
  ],
];

const fault: readonly Row[] = [
  ["AS_PF_OK allocating a frame", { op: "as.fault", as: 1, addr: 0x11234, access: "write" }, "AS_PF_OK"],
  [
    "AS_PF_OK on a present page (a race with another fault)",
    { op: "as.fault", as: 1, addr: 0x10000, access: "read" },
    "AS_PF_OK",
  ],
  ["AS_PF_FAULT outside every area", { op: "as.fault", as: 1, addr: 0x30000, access: "read" }, "AS_PF_FAULT"],
  [
    "AS_PF_DEFER inside copy_from_uspace",
    { op: "as.fault", as: 1, addr: 0x30000, access: "read", inCopy: "from" },
    "AS_PF_DEFER",
  ],
  [
    "AS_PF_FAULT in an area without a backend",
    { op: "as.fault", as: 1, addr: 0x50000, access: "read" },
    "AS_PF_FAULT",
  ],
  ["AS_PF_OK in a shared destination", { op: "as.fault", as: 2, addr: 0x61000, access: "read" }, "AS_PF_OK"],
  [
    "a write to a read-only area",
    { op: "as.fault", as: 1, addr: 0x7fffe000, access: "write" },
    "AS_PF_OK",
    "AS_PF_FAULT",
  ],
];

describe.each([
  ["as_area_resize", resize],
  ["as_area_create", create],
  ["as_area_share", share],
  ["as_page_fault", fault],
] as const)("%s", (_name, rows) => {
  it.each(
    rows.flatMap(([what, event, seed, fixed]) => [
      ["2006", what, event, seed] as const,
      ["fixed", what, event, fixed ?? seed] as const,
    ]),
  )("%s: %s → %s", (rev, _what, event, expected) => {
    const state = setup(rev);
    const checked = kernelMachine.validate(event);
    if (!checked.ok) throw new Error(`${checked.path} ${checked.message}`);
    expect(codeOf(applyEvent(kernelMachine, state, checked.value))).toBe(expected);
    if (rev === "fixed") expect(checkInvariants(kernelMachine, state)).toEqual([]);
  });
});
