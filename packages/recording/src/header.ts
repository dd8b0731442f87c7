import type { InputLocation } from "@pagefold/engine";
import { packBody, unpackBody } from "./body.js";
import { corrupt, incompatible, invalidInput, location } from "./errors.js";
import { DEFAULT_CHUNK_EVENTS, FORMAT_VERSION, MAX_CHUNK_EVENTS } from "./limits.js";
import { isObjectRecord, plainDataProblem } from "./plain-data.js";

/** The first four bytes of every recording: `PFR` and the format version. */
export const FILE_MAGIC = Buffer.from([0x50, 0x46, 0x52, FORMAT_VERSION]);

/** What a recording says about itself (the `PFRH` frame after the magic bytes). */
export interface RecordingHeader {
  readonly format: typeof FORMAT_VERSION;
  /** `Machine.name` of the recorded machine. */
  readonly machine: string;
  /** `Machine.schemaVersion` when it was recorded. */
  readonly schemaVersion: number;
  /** Version of the engine that wrote it. */
  readonly engine: string;
  /** The machine config as configured (plain data). */
  readonly config: unknown;
  /** The program that wrote it, e.g. `pagefold record`. */
  readonly creator: string;
  readonly createdBy?: string;
  /** The variant (revision set) recorded, when the config alone does not say. */
  readonly variant?: string;
  /** Events per full chunk; no chunk holds more. */
  readonly chunkEvents: number;
  /** Whether every event carries its outcome. */
  readonly hasOutcomes: boolean;
  readonly meta?: Readonly<Record<string, unknown>>;
  /** Informational only (ISO 8601); never compared, digested or required. */
  readonly createdAt?: string;
}

/** What a writer is given: the header without `format`, with defaults for chunking and outcomes. */
export type RecordingHeaderInit = Omit<RecordingHeader, "format" | "chunkEvents" | "hasOutcomes"> & {
  readonly chunkEvents?: number;
  readonly hasOutcomes?: boolean;
};

const OPTIONAL_STRINGS = ["createdBy", "variant", "createdAt"] as const;

/** The complete header for a writer; throws PFOLD_INPUT_INVALID naming the bad field. */
export function completeHeader(init: RecordingHeaderInit): RecordingHeader {
  const header = pickFields({
    ...init,
    format: FORMAT_VERSION,
    chunkEvents: init.chunkEvents ?? DEFAULT_CHUNK_EVENTS,
    hasOutcomes: init.hasOutcomes ?? true,
  });
  const problem = headerProblem(header);
  if (problem !== undefined)
    throw invalidInput(`recording header: ${problem.message}`, location({ field: problem.field }));
  return header as unknown as RecordingHeader;
}

export function encodeHeader(header: RecordingHeader): Buffer {
  return packBody(header, "recording header");
}

/** Decodes and checks a header payload. */
export function decodeHeader(payload: Uint8Array, where: InputLocation): RecordingHeader {
  const header = unpackBody(payload, "recording header", where);
  if (isObjectRecord(header) && typeof header.format === "number" && header.format !== FORMAT_VERSION) {
    throw incompatible(
      `recording format ${String(header.format)}; this reader knows ${FORMAT_VERSION}`,
      where,
    );
  }
  const picked = isObjectRecord(header) ? pickFields(header) : header;
  const problem = headerProblem(picked);
  if (problem !== undefined)
    throw corrupt(`recording header: ${problem.message}`, location({ ...where, field: problem.field }));
  return picked as RecordingHeader;
}

const FIELDS = [
  "format",
  "machine",
  "schemaVersion",
  "engine",
  "config",
  "creator",
  "createdBy",
  "variant",
  "chunkEvents",
  "hasOutcomes",
  "meta",
  "createdAt",
] as const;

/** The known header fields that are present, in a fixed order; anything else is dropped. */
function pickFields(source: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of FIELDS) if (source[field] !== undefined) out[field] = source[field];
  return out;
}

function headerProblem(header: unknown): { field: string; message: string } | undefined {
  if (!isObjectRecord(header)) return { field: "", message: "is not a record" };
  const fail = (field: string, message: string) => ({ field, message: `${field} ${message}` });
  if (header.format !== FORMAT_VERSION) return fail("format", `must be ${FORMAT_VERSION}`);
  for (const field of ["machine", "engine", "creator"] as const) {
    if (typeof header[field] !== "string" || header[field] === "")
      return fail(field, "must be a non-empty string");
  }
  for (const field of OPTIONAL_STRINGS) {
    if (header[field] !== undefined && typeof header[field] !== "string")
      return fail(field, "must be a string");
  }
  const { schemaVersion, chunkEvents } = header;
  if (!Number.isSafeInteger(schemaVersion) || (schemaVersion as number) < 0) {
    return fail("schemaVersion", "must be a non-negative integer");
  }
  if (
    !Number.isInteger(chunkEvents) ||
    (chunkEvents as number) < 1 ||
    (chunkEvents as number) > MAX_CHUNK_EVENTS
  ) {
    return fail("chunkEvents", `must be an integer from 1 to ${MAX_CHUNK_EVENTS}`);
  }
  if (typeof header.hasOutcomes !== "boolean") return fail("hasOutcomes", "must be a boolean");
  if (header.config === undefined) return fail("config", "is missing");
  const configProblem = plainDataProblem(header.config, "config");
  if (configProblem !== undefined) return fail(configProblem.path, configProblem.message);
  if (header.meta !== undefined) {
    if (!isObjectRecord(header.meta)) return fail("meta", "must be a record");
    const metaProblem = plainDataProblem(header.meta, "meta");
    if (metaProblem !== undefined) return fail(metaProblem.path, metaProblem.message);
  }
  return undefined;
}

/** Throws PFOLD_RECORDING_INCOMPATIBLE unless the recording is of this machine at this schema version. */
export function checkCompatible(
  header: RecordingHeader,
  machine: { readonly name: string; readonly schemaVersion: number },
  file?: string,
): void {
  if (header.machine !== machine.name || header.schemaVersion !== machine.schemaVersion) {
    throw incompatible(
      `recording of ${header.machine} schema ${header.schemaVersion}; ` +
        `this is ${machine.name} schema ${machine.schemaVersion}`,
      location({ file }),
    );
  }
}
