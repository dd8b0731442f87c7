import { PagefoldError, type InputLocation } from "@pagefold/engine";

/** Damage or hostile content in a recording. */
export function corrupt(message: string, where: InputLocation, cause?: unknown): PagefoldError {
  return new PagefoldError("PFOLD_RECORDING_CORRUPT", message, where, cause === undefined ? {} : { cause });
}

/** A value the caller asked to record (or a scenario line) that is not valid input. */
export function invalidInput(message: string, where: InputLocation, cause?: unknown): PagefoldError {
  return new PagefoldError("PFOLD_INPUT_INVALID", message, where, cause === undefined ? {} : { cause });
}

/** A recording of another format version, machine or schema. */
export function incompatible(message: string, where: InputLocation): PagefoldError {
  return new PagefoldError("PFOLD_RECORDING_INCOMPATIBLE", message, where);
}

/** `where` without the keys whose value is undefined (exactOptionalPropertyTypes). */
export function location(parts: {
  file?: string | undefined;
  line?: number | undefined;
  byteOffset?: number | undefined;
  eventIndex?: number | undefined;
  field?: string | undefined;
}): InputLocation {
  const out: { -readonly [K in keyof InputLocation]: InputLocation[K] } = {};
  if (parts.file !== undefined) out.file = parts.file;
  if (parts.line !== undefined) out.line = parts.line;
  if (parts.byteOffset !== undefined) out.byteOffset = parts.byteOffset;
  if (parts.eventIndex !== undefined) out.eventIndex = parts.eventIndex;
  if (parts.field !== undefined && parts.field !== "") out.field = parts.field;
  return out;
}

/** The message of anything thrown. */
export function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
