/**
 * Replacement policies replayed on the same events, for comparison with the live list
 * (config.pager.policy). The live list is mpager.cpp's; the others keep every page on the young
 * list with no ages, so an access to a resident page is always a hit:
 * - "lru": a hit moves the page to the head; the victim is the tail (least recently used);
 * - "fifo": hits change nothing; the victim is the tail (first in);
 * - "clock": a hit sets the page's reference bit (a new page enters with it clear, just behind
 *   the hand); the hand sweeps, clearing set bits, and takes the first page whose bit is clear.
 */
import type { KernelState } from "../state.js";
import { NIL } from "../pagetables/state.js";
import { addHead, frameOf, unlink } from "./lists.js";
import { PagedState } from "./state.js";

/** The frame StealOrAllocPage steals when no clean oldest page is left (step 5), NIL if none. */
export function policyVictim(state: KernelState): number {
  const pager = state.pager;
  switch (state.config.pager.policy) {
    case "live-list":
      if (pager.oldestDirty.count > 0) return pager.oldestDirty.tail;
      if (pager.old.count > 0) return pager.old.tail;
      return pager.young.tail;
    case "lru":
    case "fifo":
      return pager.young.tail;
    case "clock":
      return clockSweep(state);
  }
}

/** What a policy records when a resident page on its list is used without a fault. */
export function touchPage(state: KernelState, pfn: number): void {
  const pager = state.pager;
  const policy = state.config.pager.policy;
  if (frameOf(pager, pfn).state !== PagedState.Young) return; // pinned pages are off the list
  if (policy === "lru") {
    unlink(pager, pager.young, pfn);
    addHead(pager, pager.young, pfn);
  } else if (policy === "clock") frameOf(pager, pfn).ref = 1;
}

function clockSweep(state: KernelState): number {
  const pager = state.pager;
  if (pager.clockHand === NIL) return NIL;
  for (;;) {
    const hand = pager.clockHand;
    const frame = frameOf(pager, hand);
    if (frame.ref === 0) return hand;
    frame.ref = 0;
    pager.clockHand = frame.next !== NIL ? frame.next : pager.young.head;
  }
}
