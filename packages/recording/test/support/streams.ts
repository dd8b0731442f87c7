import type { MachineEvent, Outcome } from "@pagefold/engine";
import fc from "fast-check";
import { RecordingWriter, type CheckpointDigest } from "../../src/index.js";
import { digest, event, outcome, plainValue } from "./arbitraries.js";
import { testHeader } from "./header.js";

/** One writer call. */
export type WriterStep =
  | { readonly kind: "append"; readonly event: MachineEvent; readonly outcome: Outcome }
  | { readonly kind: "digest"; readonly digest: string }
  | { readonly kind: "snapshot"; readonly state: unknown; readonly digest: string }
  | { readonly kind: "flush" };

export const writerStep: fc.Arbitrary<WriterStep> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant("append" as const), event, outcome }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("digest" as const), digest }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("snapshot" as const), state: plainValue, digest }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("flush" as const) }) },
);

export interface WriterScript {
  readonly steps: readonly WriterStep[];
  readonly chunkEvents: number;
  readonly hasOutcomes: boolean;
}

export const writerScript: fc.Arbitrary<WriterScript> = fc.record({
  steps: fc.array(writerStep, { maxLength: 60 }),
  chunkEvents: fc.integer({ min: 1, max: 7 }),
  hasOutcomes: fc.boolean(),
});

/** What a script wrote, to compare with what a reader gives back. */
export interface Written {
  readonly bytes: Buffer;
  readonly events: MachineEvent[];
  readonly outcomes: Outcome[];
  readonly checkpoints: CheckpointDigest[];
  readonly snapshots: { index: number; digest: string; state: unknown }[];
}

/**
 * Runs a script against an in-memory writer. Digests go to the current event count (skipped
 * when one is already there); `close` false leaves the recording as a killed writer would.
 */
export function runScript({ steps, chunkEvents, hasOutcomes }: WriterScript, close = true): Written {
  const writer = RecordingWriter.inMemory(testHeader({ chunkEvents, hasOutcomes }));
  const written: Omit<Written, "bytes"> = { events: [], outcomes: [], checkpoints: [], snapshots: [] };
  for (const step of steps) {
    const index = written.events.length;
    if (step.kind === "append") {
      writer.append(step.event, hasOutcomes ? step.outcome : undefined);
      written.events.push(step.event);
      written.outcomes.push(step.outcome);
    } else if (step.kind === "digest" && written.checkpoints.at(-1)?.index !== index) {
      writer.digest(index, step.digest);
      written.checkpoints.push({ index, digest: step.digest });
    } else if (step.kind === "snapshot") {
      writer.snapshot(index, step.state, step.digest);
      written.snapshots.push({ index, digest: step.digest, state: step.state });
    } else if (step.kind === "flush") {
      writer.flush();
    }
  }
  if (close) writer.close();
  return { bytes: writer.toBuffer(), ...written };
}
