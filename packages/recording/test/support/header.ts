import type { RecordingHeaderInit } from "../../src/index.js";

/** A valid writer header for tests. */
export function testHeader(overrides: Partial<RecordingHeaderInit> = {}): RecordingHeaderInit {
  return {
    machine: "kernel",
    schemaVersion: 1,
    engine: "0.1.0",
    config: { arch: "arm", ramPages: 16384 },
    creator: "recording tests",
    ...overrides,
  };
}
