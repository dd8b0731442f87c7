/** as.c as_page_fault with the anonymous backend's anon_page_fault. */
import { alignDown, sub32 } from "./addr.js";
import { findArea } from "./areas.js";
import { btreeInsert } from "./btree/insert.js";
import { btreeSearch } from "./btree/search.js";
import { node } from "./btree/node.js";
import { AS_AREA_ATTR_PARTIAL, AS_AREA_EXEC, AS_AREA_READ, AS_AREA_WRITE } from "./constants.js";
import { areaOf, type Ctx } from "./context.js";
import { frameAlloc, frameReferenceAdd, toPfn } from "./frames.js";
import { lockSpace } from "./locks.js";
import {
  areaFlagsToPageFlags,
  PAGE_EXEC,
  PAGE_READ,
  PAGE_WRITE,
  pageMappingFind,
  pageMappingInsert,
  pteFlags,
} from "./mapping.js";
import { panic } from "./panic.js";
import { shareRecord } from "./share.js";
import type { AddressSpace, Area } from "./state.js";
import { usedSpaceInsert } from "./used-insert.js";

export type Access = "read" | "write" | "exec";
export type FaultResult = "AS_PF_OK" | "AS_PF_FAULT";

/**
 * as_page_fault(page, access) in AS: no area, a PARTIAL area or no backend → AS_PF_FAULT (the
 * caller turns it into AS_PF_DEFER inside copy_from/to_uspace). A page already present is a race
 * with another fault: AS_PF_OK. The seed answers so whatever the access; HelenOS fb8445570d
 * (2006-05-27) only when the PTE allows it, and checks the area's permissions in the backend.
 */
export function asPageFault(ctx: Ctx, AS: AddressSpace, page: number, access: Access): FaultResult {
  lockSpace(AS, "as_page_fault");
  const id = findArea(ctx, AS, page);
  if (id === 0) return "AS_PF_FAULT";
  const area = areaOf(ctx, id);
  if (area.attributes & AS_AREA_ATTR_PARTIAL) return "AS_PF_FAULT";
  if (area.backend !== "anon") return "AS_PF_FAULT";
  const pte = pageMappingFind(AS, page);
  if (pte !== undefined && (!ctx.fixed || (pteFlags(pte) & pageAccess[access]) !== 0)) return "AS_PF_OK";
  return anonPageFault(ctx, AS, area, page, access);
}

const pageAccess: Record<Access, number> = { read: PAGE_READ, write: PAGE_WRITE, exec: PAGE_EXEC };
const areaAccess: Record<Access, number> = { read: AS_AREA_READ, write: AS_AREA_WRITE, exec: AS_AREA_EXEC };

/**
 * anon_page_fault: a shared area looks the page's offset up in the share's pagemap and allocates
 * (and records) a zeroed frame when it is missing; a private area allocates one. The page is
 * mapped and marked used; used_space_insert failing panics. The pagemap lookup's "zero can be a
 * valid frame" workaround compares the leaf's offset keys with the page's absolute address, so an
 * address equal to some resident offset maps the page to physical address 0 (fixed by HelenOS
 * 6461d28674, 2008-09-01). Revision "fixed" also checks the access against the area's flags
 * (fb8445570d) and takes a frame reference for each shared mapping (f9b2f30587).
 */
function anonPageFault(ctx: Ctx, AS: AddressSpace, area: Area, addr: number, access: Access): FaultResult {
  if (ctx.fixed && (area.flags & areaAccess[access]) === 0) return "AS_PF_FAULT";
  const page = alignDown(addr);
  let frame: number;
  if (area.share !== 0) {
    const pagemap = shareRecord(ctx, area.share).pagemap;
    const offset = sub32(page, area.base);
    const found = btreeSearch(pagemap, offset, ctx.fixed);
    frame = found.value;
    if (frame === 0) {
      const leaf = node(pagemap, found.leaf);
      const key = ctx.fixed ? offset : page;
      let allocate = true;
      for (let i = 0; i < leaf.keys; i++) if (leaf.key[i] === key) allocate = false;
      if (allocate) {
        frame = frameAlloc(ctx);
        btreeInsert(pagemap, offset, frame, found.leaf, ctx.fixed);
        ctx.effects.push({ kind: "frame.alloc", as: AS.id, page, pfn: toPfn(frame), shared: true });
      }
    }
    if (ctx.fixed) frameReferenceAdd(ctx, frame);
  } else {
    frame = frameAlloc(ctx);
    ctx.effects.push({ kind: "frame.alloc", as: AS.id, page, pfn: toPfn(frame), shared: false });
  }
  pageMappingInsert(AS, addr, frame, areaFlagsToPageFlags(area.flags));
  if (!usedSpaceInsert(area.usedSpace, page, 1, ctx.fixed)) panic("Could not insert used space.");
  return "AS_PF_OK";
}
