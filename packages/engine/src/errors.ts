/**
 * The few error classes pagefold throws at its edges, each with a stable `code` the CLI maps
 * to an exit status and a message. Kernel failures are never errors: they are outcomes.
 */

export type ErrorCode =
  /** A malformed event, config or scenario line (exit 2). */
  | "PFOLD_INPUT_INVALID"
  /** A damaged or hostile recording (exit 2). */
  | "PFOLD_RECORDING_CORRUPT"
  /** A recording or snapshot for another machine, schema or format version (exit 2). */
  | "PFOLD_RECORDING_INCOMPATIBLE"
  /** A snapshot whose state fails its digest or invariants (exit 2). */
  | "PFOLD_SNAPSHOT_INVALID"
  /** Wrong command-line usage (exit 2). */
  | "PFOLD_USAGE"
  /** A question the tool cannot answer for this input (exit 125). */
  | "PFOLD_CANNOT_JUDGE";

/** Where in the input the problem is; every rejection names at least one of these. */
export interface InputLocation {
  readonly file?: string;
  readonly line?: number;
  readonly byteOffset?: number;
  readonly eventIndex?: number;
  readonly field?: string;
}

export class PagefoldError extends Error {
  override readonly name: string = "PagefoldError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly where: InputLocation = {},
    options?: { cause?: unknown },
  ) {
    super(withLocation(message, where), options);
  }
}

/** `file:line: message (byte offset N, event N, field x)`, in the order a reader looks for them. */
export function withLocation(message: string, where: InputLocation): string {
  // compiler style: `file:line:` when both are known, `line N` without a file
  const head =
    where.file === undefined
      ? where.line === undefined
        ? ""
        : `line ${where.line}`
      : where.line === undefined
        ? where.file
        : `${where.file}:${where.line}`;
  const tail = [
    where.byteOffset === undefined ? undefined : `byte offset ${where.byteOffset}`,
    where.eventIndex === undefined ? undefined : `event ${where.eventIndex}`,
    where.field === undefined ? undefined : `field ${where.field}`,
  ].filter((x) => x !== undefined);
  return `${head === "" ? "" : `${head}: `}${message}${tail.length > 0 ? ` (${tail.join(", ")})` : ""}`;
}
