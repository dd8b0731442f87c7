import type { MachineEvent, Outcome } from "@pagefold/engine";

/**
 * Writes a scenario as JSONL: a `{"config": ...}` line when there is a config, then one event
 * per line with `op` first and the other fields in their own order; ends with a newline.
 */
export function formatScenario(config: unknown, events: Iterable<MachineEvent>): string {
  const lines: string[] = [];
  if (config !== undefined) lines.push(`{"config":${JSON.stringify(config)}}`);
  for (const event of events) lines.push(formatEventLine(event));
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

/** One event as a scenario line (no newline): `{"op":"ram.free","pfn":12,"pages":1}`. */
export function formatEventLine(event: MachineEvent): string {
  const fields = [`"op":${JSON.stringify(event.op)}`];
  for (const key of Object.keys(event)) {
    if (key !== "op") pushField(fields, key, (event as unknown as Record<string, unknown>)[key]);
  }
  return `{${fields.join(",")}}`;
}

/**
 * The outcome line `pagefold replay --jsonl` prints for event `i` (no newline), keys in the
 * order of EVENTS.md: `{"i":17,"op":"pt.alloc","ok":true,"value":{"pt":5},"effects":[...]}`
 * or `{"i":18,"op":"pt.free","ok":false,"code":"KErrArgument","message":"..."}`.
 */
export function formatOutcomeLine(i: number, event: MachineEvent, outcome: Outcome): string {
  const fields = [`"i":${JSON.stringify(i)}`, `"op":${JSON.stringify(event.op)}`, `"ok":${outcome.ok}`];
  if (outcome.ok) {
    pushField(fields, "value", outcome.value);
  } else {
    pushField(fields, "code", outcome.code);
    pushField(fields, "message", outcome.message);
  }
  pushField(fields, "effects", outcome.effects);
  return `{${fields.join(",")}}`;
}

/** Adds `"key":value` unless the value has no JSON form (undefined), as JSON.stringify would. */
function pushField(fields: string[], key: string, value: unknown): void {
  const json = JSON.stringify(value);
  if (json !== undefined) fields.push(`${JSON.stringify(key)}:${json}`);
}
