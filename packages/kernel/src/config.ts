import type { Validation } from "@pagefold/engine";
import { Type, type TSchema } from "@sinclair/typebox";
import {
  defaultRevisions,
  isRevisionOf,
  isRevisionSubsystem,
  revisionChoices,
  type RevisionSubsystem,
  type Revisions,
} from "./revisions.js";
import { compileValidator, invalid } from "./validator.js";

export type Arch = "arm" | "x86";
export type PagerPolicy = "live-list" | "lru" | "fifo" | "clock";

/** The demand-paging live list's sizing (mpager.cpp defaults) and the policy replayed. */
export interface PagerConfig {
  readonly minPages: number;
  readonly maxPages: number;
  readonly youngOldRatio: number;
  readonly oldOldestRatio: number;
  readonly maxOldestPages: number;
  readonly policy: PagerPolicy;
}

/** The machine config of EVENTS.md: recorded in every recording header and scenario first line. */
export interface KernelConfig {
  readonly arch: Arch;
  /** Physical frames of 4 KiB. */
  readonly ramPages: number;
  readonly pager: PagerConfig;
  readonly revisions: Revisions;
  /** The kernel's own pseudo-random state at boot (Symbian's 33333). */
  readonly seed: number;
}

/** A config as a user writes it: any field may be left out and takes the base config's value. */
export interface KernelConfigInput {
  readonly arch?: Arch;
  readonly ramPages?: number;
  readonly pager?: Partial<PagerConfig>;
  readonly revisions?: Partial<Revisions>;
  readonly seed?: number;
}

/**
 * RAM is modelled in banks of 16 frames (64 KiB, the ARM large page) from one bank to 16 GiB.
 * The allocator itself would take any size (the tail of the last bitmap word is kept used), but a
 * bank granularity keeps configs honest and the bound keeps state tables within 64^4 entries.
 */
export const RAM_BANK_PAGES = 16;
export const MIN_RAM_PAGES = 16;
export const MAX_RAM_PAGES = 1 << 22;

/** mpager.cpp KAbsoluteMaxPageCount = (1 << (32 - KPageShift)) - 1. */
export const MAX_PAGER_PAGES = 1_048_575;

export const defaultConfig: KernelConfig = Object.freeze({
  arch: "arm",
  ramPages: 16384,
  pager: Object.freeze({
    minPages: 256,
    maxPages: 1024,
    youngOldRatio: 3,
    oldOldestRatio: 3,
    maxOldestPages: 32,
    policy: "live-list",
  }),
  revisions: defaultRevisions,
  seed: 33333,
});

const oneOf = (values: readonly string[]): TSchema => Type.Union(values.map((v) => Type.Literal(v)));
const closed = { additionalProperties: false } as const;

const pagerCount = Type.Integer({ minimum: 1, maximum: MAX_PAGER_PAGES });
const ConfigInputSchema = Type.Object(
  {
    arch: Type.Optional(oneOf(["arm", "x86"])),
    ramPages: Type.Optional(
      Type.Integer({ minimum: MIN_RAM_PAGES, maximum: MAX_RAM_PAGES, multipleOf: RAM_BANK_PAGES }),
    ),
    pager: Type.Optional(
      Type.Object(
        {
          minPages: Type.Optional(pagerCount),
          maxPages: Type.Optional(pagerCount),
          youngOldRatio: Type.Optional(Type.Integer({ minimum: 1, maximum: 1024 })),
          oldOldestRatio: Type.Optional(Type.Integer({ minimum: 1, maximum: 1024 })),
          maxOldestPages: Type.Optional(pagerCount),
          policy: Type.Optional(oneOf(["live-list", "lru", "fifo", "clock"])),
        },
        closed,
      ),
    ),
    revisions: Type.Optional(
      Type.Object(
        Object.fromEntries(
          Object.entries(revisionChoices).map(([name, revs]) => [name, Type.Optional(oneOf(revs))]),
        ),
        closed,
      ),
    ),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 0xffffffff })),
  },
  closed,
);

const validateConfigInput = compileValidator<KernelConfigInput>(ConfigInputSchema);

/**
 * Checks an untrusted config (unknown fields are an error naming the field) and fills in defaults.
 * @example configureKernel({ ramPages: 1024, revisions: { l1: "2003" } })
 */
export function configureKernel(input: unknown): Validation<KernelConfig> {
  return mergeConfig(defaultConfig, input);
}

/**
 * Overlays an untrusted, partial config on `base` (the CLI's `--config FILE` over a preset):
 * `pager` and `revisions` merge field by field; `undefined` means "no config" and returns `base`.
 */
export function mergeConfig(base: KernelConfig, input: unknown): Validation<KernelConfig> {
  if (input === undefined) return { ok: true, value: base };
  const checked = validateConfigInput(input);
  if (!checked.ok) return checked;
  const patch = checked.value;
  return consistent({
    arch: patch.arch ?? base.arch,
    ramPages: patch.ramPages ?? base.ramPages,
    pager: overlay(base.pager, patch.pager),
    revisions: overlay(base.revisions, patch.revisions),
    seed: patch.seed ?? base.seed,
  });
}

/**
 * Applies `--revision SUBSYSTEM=REV` overrides in order.
 * @example applyRevisionOverrides(defaultConfig, ["pagetables=2010", "l1=migrate"])
 */
export function applyRevisionOverrides(
  config: KernelConfig,
  overrides: readonly string[],
): Validation<KernelConfig> {
  const revisions: Record<string, string> = { ...config.revisions };
  for (const item of overrides) {
    const eq = item.indexOf("=");
    if (eq <= 0) return invalid("revisions", `expected SUBSYSTEM=REVISION, got ${JSON.stringify(item)}`);
    const subsystem = item.slice(0, eq).trim();
    const revision = item.slice(eq + 1).trim();
    if (!isRevisionSubsystem(subsystem)) {
      const known = Object.keys(revisionChoices).join(", ");
      return invalid("revisions", `unknown subsystem ${JSON.stringify(subsystem)} (known: ${known})`);
    }
    if (!isRevisionOf(subsystem, revision)) {
      return invalid(
        `revisions.${subsystem}`,
        `unknown revision ${JSON.stringify(revision)} for ${subsystem} (known: ${knownRevisions(subsystem)})`,
      );
    }
    revisions[subsystem] = revision;
  }
  return { ok: true, value: { ...config, revisions: revisions as unknown as Revisions } };
}

function knownRevisions(subsystem: RevisionSubsystem): string {
  return revisionChoices[subsystem].join(", ");
}

/** `base` with every field `patch` defines (undefined fields in `patch` are not definitions). */
function overlay<T extends object>(base: T, patch: Partial<T> | undefined): T {
  const out = { ...base };
  if (patch === undefined) return out;
  for (const key of Object.keys(patch) as (keyof T)[]) {
    const value = patch[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Cross-field rules the schema cannot say. */
function consistent(config: KernelConfig): Validation<KernelConfig> {
  if (config.pager.minPages > config.pager.maxPages) {
    return invalid("pager.maxPages", `must be ≥ pager.minPages (${config.pager.minPages})`);
  }
  return { ok: true, value: config };
}
