/** as.c as_area_share. */
import { err, ok, type Outcome } from "@pagefold/engine";
import { add32, pagesToBytes, sub32 } from "./addr.js";
import { findArea } from "./areas.js";
import { btreeCreate } from "./btree/node.js";
import { btreeInsert } from "./btree/insert.js";
import { leafEntries } from "./btree/search.js";
import { AS_AREA_ATTR_PARTIAL } from "./constants.js";
import { areaOf, type Ctx } from "./context.js";
import { ENOENT, ENOMEM, ENOTSUP, EPERM } from "../codes.js";
import { asAreaCreate } from "./create.js";
import { shInfoRemoveReference } from "./destroy.js";
import { frameReferenceAdd } from "./frames.js";
import { lockSpace } from "./locks.js";
import { pageMappingFind, pteFrame } from "./mapping.js";
import { kassert } from "./panic.js";
import { sparseGet, sparseSet } from "../sparse-table.js";
import type { AddressSpace, Area, ShareInfo } from "./state.js";

/**
 * as_area_share(src_as, src_base, acc_size, dst_base), called by the receiving task, so AS is
 * `dst`: ENOENT without a source area, ENOTSUP unless it is anonymous, EPERM when its size is not
 * acc_size. The source gets a share_info (refcount 2 on the first share, +1 after) whose pagemap
 * receives every used page's frame; the destination area is created PARTIAL (ENOMEM when that
 * fails, after dropping the reference) and then joins the share.
 */
export function asAreaShare(
  ctx: Ctx,
  src: AddressSpace,
  srcBase: number,
  accSize: number,
  dst: AddressSpace,
  dstBase: number,
): Outcome {
  lockSpace(src, "as_area_share");
  const srcId = findArea(ctx, src, srcBase);
  if (srcId === 0) return err(ENOENT, `no area of address space ${src.id} contains ${srcBase}`);
  const srcArea = areaOf(ctx, srcId);
  if (srcArea.backend !== "anon") return err(ENOTSUP, "only anonymous areas can be shared");
  const srcSize = pagesToBytes(srcArea.pages);
  if (srcSize !== accSize) return err(EPERM, `the source area is ${srcSize} bytes, not ${accSize}`);
  let shareId = srcArea.share;
  const first = shareId === 0;
  if (first) {
    shareId = ++ctx.s.shareSerial;
    sparseSet(ctx.s.shares, shareId, { refcount: 2, pagemap: btreeCreate() });
    srcArea.share = shareId;
  } else {
    shareRecord(ctx, shareId).refcount++;
  }
  // The seed copies the pagemap on every share, so a second share of an area with used pages
  // inserts keys it already holds and panics; HelenOS c0697c4cce (2007-12-16) copies only once.
  if (first || !ctx.fixed) copyToPagemap(ctx, src, srcArea, shareRecord(ctx, shareId));
  const dstId = asAreaCreate(ctx, dst, {
    flags: srcArea.flags,
    size: srcSize,
    base: dstBase,
    attributes: AS_AREA_ATTR_PARTIAL,
    backend: "anon",
  });
  if (typeof dstId !== "number") {
    shInfoRemoveReference(ctx, shareId);
    return err(ENOMEM, `the destination area could not be created: ${dstId?.message ?? ""}`);
  }
  const dstArea = areaOf(ctx, dstId);
  dstArea.attributes &= ~AS_AREA_ATTR_PARTIAL;
  dstArea.share = shareId;
  return ok();
}

/**
 * Copies the frame of every used page of the source into the pagemap, keyed by its offset
 * (btree_insert with no leaf: a key already there panics). Revision "fixed" also takes a frame
 * reference for the pagemap (HelenOS f9b2f30587, 2006-06-03); the seed does not, so the first
 * holder to free such a frame frees it while the pagemap and the other mappings still use it.
 */
function copyToPagemap(ctx: Ctx, src: AddressSpace, area: Area, share: ShareInfo): void {
  for (const [base, count] of leafEntries(area.usedSpace)) {
    for (let j = 0; j < count; j++) {
      const page = add32(base, pagesToBytes(j));
      const pte = pageMappingFind(src, page);
      kassert(pte !== undefined, "pte && PTE_VALID(pte) && PTE_PRESENT(pte)");
      btreeInsert(share.pagemap, sub32(page, area.base), pteFrame(pte), 0, ctx.fixed);
      if (ctx.fixed) frameReferenceAdd(ctx, pteFrame(pte));
    }
  }
}

/** The share record, or (revision 2006) the freed one read back as refcount 0 with its pagemap. */
export function shareRecord(ctx: Ctx, id: number): ShareInfo {
  let share = sparseGet(ctx.s.shares, id);
  if (share === undefined) {
    share = { refcount: 0, pagemap: btreeCreate() };
    sparseSet(ctx.s.shares, id, share);
  }
  return share;
}
