/**
 * The reducers of the as.* / area.* ops: find the named address spaces (ENOENT for an unknown
 * id), run the modelled as.c function, and turn what it did into an outcome: its effects, a
 * KernelPanic into `PANIC` (the engine halts the machine) and a KernelHang into `DEADLOCK`.
 */
import { err, ok, PANIC, type Outcome } from "@pagefold/engine";
import { AS_PF_DEFER, AS_PF_FAULT, DEADLOCK, ENOENT } from "../codes.js";
import type { KernelState } from "../state.js";
import { context, spaceOf, type Ctx } from "./context.js";
import { areaFlags, asAreaCreate, asCreate } from "./create.js";
import { asAreaDestroy } from "./destroy.js";
import type * as E from "./events.js";
import { asPageFault } from "./fault.js";
import { toFrame } from "./frames.js";
import { KernelHang, KernelPanic } from "./panic.js";
import { asAreaResize } from "./resize.js";
import { asLookup, asSetMapping } from "./set-mapping.js";
import { asAreaShare } from "./share.js";
import { asDestroy } from "./space-destroy.js";
import type { AddressSpace } from "./state.js";
import { asSwitch } from "./switch.js";

/** Runs `body` on the slice and answers with its outcome plus the effects it recorded. */
function run(state: KernelState, body: (ctx: Ctx) => Outcome): Outcome {
  const ctx = context(state);
  let outcome: Outcome;
  try {
    outcome = body(ctx);
  } catch (thrown) {
    if (thrown instanceof KernelPanic) return err(PANIC, thrown.message, ctx.effects);
    if (thrown instanceof KernelHang) return err(DEADLOCK, thrown.message, ctx.effects);
    throw thrown;
  }
  if (ctx.effects.length === 0) return outcome;
  return outcome.ok ? ok(outcome.value, ctx.effects) : err(outcome.code, outcome.message, ctx.effects);
}

/** `body` with the address space `id`, or ENOENT when there is none. */
function withSpace(state: KernelState, id: number, body: (ctx: Ctx, as: AddressSpace) => Outcome): Outcome {
  return run(state, (ctx) => {
    const as = spaceOf(ctx, id);
    return as === undefined ? err(ENOENT, `no address space ${id}`) : body(ctx, as);
  });
}

export const reduceAsCreate = (state: KernelState, e: E.AsCreateEvent): Outcome =>
  run(state, (ctx) => asCreate(ctx, e.as, e.kernel === true));

export const reduceAsDestroy = (state: KernelState, e: E.AsDestroyEvent): Outcome =>
  withSpace(state, e.as, asDestroy);

export const reduceAreaCreate = (state: KernelState, e: E.AreaCreateEvent): Outcome =>
  withSpace(state, e.as, (ctx, as) => {
    const request = {
      flags: areaFlags(e.flags),
      size: e.size,
      base: e.base,
      attributes: 0,
      backend: e.backend ?? "anon",
    };
    const id = asAreaCreate(ctx, as, request);
    return typeof id === "number" ? ok({ base: e.base }) : err(id!.code, id!.message);
  });

export const reduceAreaResize = (state: KernelState, e: E.AreaResizeEvent): Outcome =>
  withSpace(state, e.as, (ctx, as) => asAreaResize(ctx, as, e.addr, e.size));

export const reduceAreaDestroy = (state: KernelState, e: E.AreaDestroyEvent): Outcome =>
  withSpace(state, e.as, (ctx, as) => asAreaDestroy(ctx, as, e.addr));

export const reduceAreaShare = (state: KernelState, e: E.AreaShareEvent): Outcome =>
  withSpace(state, e.srcAs, (ctx, src) => {
    const dst = spaceOf(ctx, e.dstAs);
    if (dst === undefined) return err(ENOENT, `no address space ${e.dstAs}`);
    return asAreaShare(ctx, src, e.srcBase, e.size, dst, e.dstBase);
  });

/** AS_PF_OK, else AS_PF_FAULT, or AS_PF_DEFER when the fault hit copy_from/to_uspace. */
export const reduceAsFault = (state: KernelState, e: E.AsFaultEvent): Outcome =>
  withSpace(state, e.as, (ctx, as) => {
    if (asPageFault(ctx, as, e.addr, e.access) === "AS_PF_OK") return ok("AS_PF_OK");
    return e.inCopy === undefined
      ? err(AS_PF_FAULT)
      : err(AS_PF_DEFER, `failover of copy_${e.inCopy}_uspace`);
  });

export const reduceAsMap = (state: KernelState, e: E.AsMapEvent): Outcome =>
  withSpace(state, e.as, (ctx, as) => asSetMapping(ctx, as, e.page, toFrame(e.pfn)));

export const reduceAsSwitch = (state: KernelState, e: E.AsSwitchEvent): Outcome =>
  withSpace(state, e.as, (ctx, as) => ok({ asid: asSwitch(ctx, as, e.cpu ?? 0) }));

export const reduceAsLookup = (state: KernelState, e: E.AsLookupEvent): Outcome =>
  withSpace(state, e.as, (_ctx, as) => asLookup(as, e.addr));
