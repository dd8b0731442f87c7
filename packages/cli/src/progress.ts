import { SingleBar } from "cli-progress";

/** Reports progress of long work; a bar on a terminal's stderr, nothing otherwise. */
export interface Progress {
  update(done: number): void;
  stop(): void;
}

const silent: Progress = { update: () => undefined, stop: () => undefined };

/** A progress bar for `total` units, shown only when stderr is a terminal and the work is long. */
export function progress(label: string, total: number, minimum = 200_000): Progress {
  if (process.stderr.isTTY !== true || total < minimum || process.env.CI !== undefined) return silent;
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% {value}/{total} events, eta {eta}s`,
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 50,
  });
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}
