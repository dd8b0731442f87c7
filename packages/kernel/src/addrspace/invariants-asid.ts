/** The invariants of as_switch's bookkeeping (asid.c, the inactive list) and of the mutexes. */
import type { Invariant } from "@pagefold/engine";
import type { KernelState } from "../state.js";
import { ASID_INVALID, ASIDS_ALLOCABLE } from "./constants.js";
import { sparseEach, sparseGet } from "../sparse-table.js";
import { guarded } from "./walk.js";

const asids: Invariant<KernelState> = {
  name: "addrspace.asid",
  description:
    "the inactive list holds exactly the live, unscheduled address spaces with an ASID; ASIDs are unique and counted; " +
    "cpu_refcount counts the CPUs running the address space",
  check: (state) =>
    guarded((s: KernelState["addrspace"]) => {
      const out: string[] = [];
      if (s.asidsAllocated + s.freeAsids.length !== ASIDS_ALLOCABLE) {
        out.push(`${s.asidsAllocated} ASIDs allocated and ${s.freeAsids.length} free of ${ASIDS_ALLOCABLE}`);
      }
      const held = new Map<number, string>(s.freeAsids.map((a) => [a, "the free FIFO"]));
      const claim = (asid: number, who: string): void => {
        const other = held.get(asid);
        if (other !== undefined) out.push(`ASID ${asid} is held by ${who} and ${other}`);
        held.set(asid, who);
      };
      for (const entry of s.inactive) {
        const as = sparseGet(s.spaces, entry.as);
        if (as === undefined) {
          out.push(`the inactive list holds a freed address space (ASID ${entry.asid})`);
          claim(entry.asid, "a freed address space");
        } else if (as.cpuRefcount !== 0 || as.asid !== entry.asid) {
          out.push(`address space ${entry.as} is on the inactive list but runs or changed its ASID`);
        }
      }
      sparseEach(s.spaces, (id, as) => {
        const running = s.cpus.filter((c) => c === id).length;
        if (as.cpuRefcount !== running)
          out.push(`address space ${id}: cpu_refcount ${as.cpuRefcount}, runs on ${running}`);
        if (id === s.kernelAs || as.asid === ASID_INVALID) return;
        claim(as.asid, `address space ${id}`);
        const listed = s.inactive.some((e) => e.as === id);
        if (as.cpuRefcount === 0 && !listed)
          out.push(`inactive address space ${id} with ASID ${as.asid} is not listed`);
      });
      s.cpus.forEach((id, cpu) => {
        if (id >= 0 && sparseGet(s.spaces, id) === undefined)
          out.push(`CPU ${cpu} runs freed address space ${id}`);
      });
      return out;
    })(state.addrspace),
};

const mutexes: Invariant<KernelState> = {
  name: "addrspace.mutexes",
  description: "no address-space mutex is held for ever by a thread that will never run again",
  check: (state) =>
    guarded((s: KernelState["addrspace"]) => {
      const out: string[] = [];
      sparseEach(s.spaces, (id, as) => {
        if (as.hung !== "") out.push(`address space ${id}: ${as.hung}`);
      });
      return out;
    })(state.addrspace),
};

export const asidInvariants: readonly Invariant<KernelState>[] = [asids, mutexes];
