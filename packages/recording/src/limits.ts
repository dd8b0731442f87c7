/**
 * The bounds every reader enforces on untrusted recordings, and the writer's defaults.
 * A value past a bound is damage (`PFOLD_RECORDING_CORRUPT`), never an allocation.
 */

/** The version byte after `PFR` and the `format` field of the header. */
export const FORMAT_VERSION = 1;

/** Largest frame payload on disk; a frame header claiming more is corrupt. */
export const MAX_FRAME_PAYLOAD = 64 * 1024 * 1024;

/** Largest inflated body (msgpack) of one frame. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Largest `chunkEvents` a header may declare; bounds the events decoded at once. */
export const MAX_CHUNK_EVENTS = 1 << 20;

/**
 * Events per chunk unless the header says otherwise. Measured on 1M ram-like events with
 * outcomes: 4,096 gives 3.3 bytes per event at deflate level 6; 8,192 saves 1% more and
 * doubles what random access decodes per miss; 1,024 costs 4% more space.
 */
export const DEFAULT_CHUNK_EVENTS = 4096;

/**
 * Deepest nesting of containers in one recorded value (an event, an outcome's value or an
 * effect, a config, a state). A flat event object is depth 1.
 */
export const MAX_DATA_DEPTH = 64;

/** Containers a frame body adds around recorded values (body, column, outcome wrapper, effects). */
export const BODY_NESTING = 4;

/** Deflate level for frame bodies: level 9 saves 1% more and encodes 3 times slower. */
export const DEFLATE_LEVEL = 6;

/** Event indexes and byte offsets stay exact doubles. */
export const MAX_SAFE_INDEX = Number.MAX_SAFE_INTEGER;

/** Longest line a scenario file reader accepts, in characters. */
export const MAX_SCENARIO_LINE = 16 * 1024 * 1024;
