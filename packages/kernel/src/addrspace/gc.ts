/**
 * Area records outlive free(area) only while a B+tree slot still points at them (revision 2006:
 * the stale slot of an emptied root, or a destroy that removed the key from the wrong tree). An
 * area is only ever keyed by its base in its own address space's tree, so one search decides.
 */
import { btreeSearch } from "./btree/search.js";
import { spaceOf, type Ctx } from "./context.js";
import { sparseDelete, sparseGet } from "../sparse-table.js";

/** Deletes area `id` when its address space's tree no longer leads to it. */
export function dropIfUnreachable(ctx: Ctx, id: number): void {
  const area = sparseGet(ctx.s.areas, id);
  if (area === undefined) return;
  const as = spaceOf(ctx, area.as);
  if (as !== undefined && btreeSearch(as.areas, area.base, ctx.fixed).value === id) return;
  sparseDelete(ctx.s.areas, id);
}
