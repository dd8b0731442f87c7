/**
 * Which revision of each subsystem's upstream code the model follows. The defaults are the seeds
 * as written (EVENTS.md "Machine config"); the others are the later upstream behaviours.
 */
export const revisionChoices = {
  /** mptalloc.cpp: "2009" the seed (first EPL drop), "2010" random paged-PT stealing and the pin limit. */
  pagetables: ["2009", "2010"],
  /** mpager.cpp snapshots of the same FMM history; optional until the pager distinguishes them. */
  pager: ["2009", "2010"],
  /** uvm_km.c: "1998" the seed (r1.13/r1.14), "2012" the vmem era (r1.135). */
  kmem: ["1998", "2012"],
  /** HelenOS as.c: "2006" the seed, "fixed" with the later corrections. */
  addrspace: ["2006", "fixed"],
  /** NetBSD arm32 pmap L1 allocation: reuse queue of 8, exponential back-off, aggressive contig, migration. */
  l1: ["2001", "2003", "2021", "migrate"],
} as const;

export type RevisionSubsystem = keyof typeof revisionChoices;
export type RevisionOf<S extends RevisionSubsystem> = (typeof revisionChoices)[S][number];

export interface Revisions {
  readonly pagetables: RevisionOf<"pagetables">;
  readonly pager?: RevisionOf<"pager">;
  readonly kmem: RevisionOf<"kmem">;
  readonly addrspace: RevisionOf<"addrspace">;
  readonly l1: RevisionOf<"l1">;
}

export const defaultRevisions: Revisions = Object.freeze({
  pagetables: "2009",
  kmem: "1998",
  addrspace: "2006",
  l1: "2001",
});

export function isRevisionSubsystem(name: string): name is RevisionSubsystem {
  return Object.prototype.hasOwnProperty.call(revisionChoices, name);
}

export function isRevisionOf<S extends RevisionSubsystem>(subsystem: S, revision: string): boolean {
  return (revisionChoices[subsystem] as readonly string[]).includes(revision);
}
