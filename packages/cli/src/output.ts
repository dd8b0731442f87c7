import pc from "picocolors";

/**
 * Where a command speaks: data on stdout (JSON with --json), human text on stderr.
 * Colours only when stderr is a terminal (picocolors honours NO_COLOR and FORCE_COLOR).
 */
export class Output {
  readonly color = pc.createColors(process.stderr.isTTY === true && !("NO_COLOR" in process.env));

  constructor(readonly json: boolean) {}

  /** A line for people (stderr). */
  say(line = ""): void {
    process.stderr.write(`${line}\n`);
  }

  /** A line of data (stdout). */
  data(line: string): void {
    process.stdout.write(`${line}\n`);
  }

  /** The command's result document: JSON on stdout with --json. */
  result(doc: unknown): void {
    if (this.json) this.data(JSON.stringify(doc, null, 2));
  }

  good(text: string): string {
    return this.color.green(text);
  }

  bad(text: string): string {
    return this.color.red(text);
  }

  dim(text: string): string {
    return this.color.dim(text);
  }

  bold(text: string): string {
    return this.color.bold(text);
  }
}

/** `1234567` → `1,234,567`. */
export function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** Events per second, readable. */
export function rate(events: number, ms: number): string {
  if (ms <= 0) return "∞ events/s";
  const perSecond = (events / ms) * 1000;
  return perSecond >= 1e6
    ? `${(perSecond / 1e6).toFixed(2)}M events/s`
    : `${count(Math.round(perSecond))} events/s`;
}
