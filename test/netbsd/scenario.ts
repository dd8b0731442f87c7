import { applyEvent, checkInvariants, type Outcome } from "@pagefold/engine";
import {
  configureKernel,
  kernelMachine,
  type KernelConfigInput,
  type KernelEvent,
  type KernelState,
} from "@pagefold/kernel";

/** An outcome whose `value` reads whether it succeeded or not. */
export type Answer = Outcome & { readonly value?: unknown };

/** A machine booted from a scenario's first line and driven one event at a time (the bulk path). */
export class Scenario {
  readonly state: KernelState;

  constructor(config: KernelConfigInput) {
    const checked = configureKernel(config);
    if (!checked.ok) throw new Error(`${checked.path}: ${checked.message}`);
    this.state = kernelMachine.init(checked.value);
  }

  run(input: KernelEvent): Answer {
    const checked = kernelMachine.validate(input);
    if (!checked.ok) throw new Error(`${JSON.stringify(input)}: ${checked.path} ${checked.message}`);
    return applyEvent(kernelMachine, this.state, checked.value);
  }

  /** Runs each event and returns the outcomes' codes ("ok" or the error code). */
  codes(events: readonly KernelEvent[]): string[] {
    return events.map((e) => {
      const o = this.run(e);
      return o.ok ? "ok" : o.code;
    });
  }

  broken(): string[] {
    return checkInvariants(kernelMachine, this.state).map((v) => v.invariant);
  }
}

/**
 * The old arm32 pmap on 1024 frames, pmaps 0..63 on the 64 static L1s, the rest of RAM single
 * user pages of which 3 in 4 are freed: 576 free pages, none in a 16 KiB-aligned run.
 */
export function fragmentedArm(l1: "2001" | "2003" | "2021" | "migrate"): Scenario {
  const s = new Scenario({ ramPages: 1024, revisions: { l1 } });
  for (let pmap = 0; pmap < 64; pmap++) s.run({ op: "pmap.create", pmap });
  const pfns: number[] = [];
  for (let o = s.run({ op: "ram.alloc", pages: 1 }); o.ok; o = s.run({ op: "ram.alloc", pages: 1 })) {
    pfns.push((o.value as { pfn: number }).pfn);
  }
  for (const pfn of pfns) if (pfn % 4 !== 1) s.run({ op: "ram.free", pfn, pages: 1 });
  return s;
}
