import { statSync } from "node:fs";
import { Replayer } from "@pagefold/engine";
import { kernelMachine } from "@pagefold/kernel";
import type { ConfigOverrides } from "../config-options.js";
import { Exit, type ExitStatus } from "../exit.js";
import { count, Output } from "../output.js";
import { formatCodes } from "../recorder.js";
import { openRun } from "../run-input.js";

export interface StatsCommandOptions extends ConfigOverrides {
  readonly json: boolean;
}

/**
 * `pagefold stats FILE`: event count, ops, outcome codes (recorded, or by replaying when the
 * recording kept none), and for recordings the size on disk, chunks, checkpoints and snapshots.
 */
export function statsCommand(path: string, options: StatsCommandOptions): ExitStatus {
  const out = new Output(options.json);
  const run = openRun(path, options);
  try {
    const ops: Record<string, number> = {};
    const codes: Record<string, number> = {};
    const replayer =
      run.header?.hasOutcomes === true && !run.overridden
        ? undefined
        : new Replayer(kernelMachine, run.initial);
    let events = 0;
    for (const { event, outcome } of run.entries()) {
      events++;
      ops[event.op] = (ops[event.op] ?? 0) + 1;
      const o = replayer === undefined ? outcome : replayer.apply(event);
      if (o !== undefined) {
        const code = o.ok ? "ok" : o.code;
        codes[code] = (codes[code] ?? 0) + 1;
      }
    }
    const bytes = statSync(path).size;
    const doc = {
      file: path,
      kind: run.kind,
      events,
      ops,
      codes,
      outcomesFrom: replayer === undefined ? "recording" : "replay",
      bytes,
      bytesPerEvent: events === 0 ? 0 : bytes / events,
      config: run.config,
      ...(run.reader === undefined
        ? {}
        : {
            chunks: run.reader.chunks.length,
            checkpoints: run.reader.checkpoints().length,
            snapshots: run.reader.snapshots().length,
            complete: run.reader.complete,
            creator: run.header?.creator,
          }),
    };
    out.say(
      `${path}: ${count(events)} events, ${count(bytes)} bytes (${doc.bytesPerEvent.toFixed(2)} bytes/event)`,
    );
    out.say(`  ops: ${formatCodes(ops)}`);
    out.say(`  outcomes (${doc.outcomesFrom}): ${formatCodes(codes)}`);
    if (run.reader !== undefined) {
      out.say(
        `  ${doc.chunks} chunks, ${doc.checkpoints} checkpoint digests, ${doc.snapshots} state snapshots`,
      );
    }
    const revisions = Object.entries(run.config.revisions)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ");
    out.say(`  config: ${run.config.arch}, ${count(run.config.ramPages)} frames, ${revisions}`);
    out.result(doc);
    return Exit.good;
  } finally {
    run.close();
  }
}
