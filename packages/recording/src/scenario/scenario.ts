import { readLines, splitLines } from "./lines.js";
import { isIgnoredLine, ScenarioParser, type ScenarioOptions } from "./parser.js";

/** A parsed scenario: its config and events, with the line each event came from. */
export interface Scenario<E, C> {
  readonly config: C;
  readonly events: E[];
  /** `lines[i]` is the 1-based line of `events[i]`. */
  readonly lines: number[];
}

/**
 * Parses a JSONL scenario held in memory (see ScenarioParser for the rules).
 *
 * @example
 * const { config, events } = parseScenario(text, {
 *   validate: machine.validate, configure: machine.configure, file: "scenario.jsonl" });
 */
export function parseScenario<E, C = unknown>(text: string, options: ScenarioOptions<E, C>): Scenario<E, C> {
  const parser = new ScenarioParser(options);
  const events: E[] = [];
  const lines: number[] = [];
  for (const line of splitLines(text)) {
    const event = parser.accept(line);
    if (event === undefined) continue;
    events.push(event);
    lines.push(line.line);
  }
  return { config: parser.config(), events, lines };
}

/** An event of a scenario file with its index and line. */
export interface ScenarioEntry<E> {
  readonly index: number;
  readonly line: number;
  readonly event: E;
}

/** A scenario file read as a stream: the config at once, the events on each iteration. */
export interface ScenarioFile<E, C> {
  readonly file: string;
  readonly config: C;
  /** The events in order, reading the file again, one block at a time. */
  events(): Generator<E, void, undefined>;
  entries(): Generator<ScenarioEntry<E>, void, undefined>;
}

/** Opens a JSONL scenario file for streaming; the config line (if any) is read and checked now. */
export function openScenario<E, C = unknown>(
  file: string,
  options: ScenarioOptions<E, C>,
): ScenarioFile<E, C> {
  const named = { ...options, file: options.file ?? file };
  const head = new ScenarioParser(named);
  for (const line of readLines(file)) {
    if (isIgnoredLine(line.text)) continue;
    head.accept(line);
    break;
  }
  const config = head.config();
  function* entries(): Generator<ScenarioEntry<E>, void, undefined> {
    const parser = new ScenarioParser(named);
    let index = 0;
    for (const line of readLines(file)) {
      const event = parser.accept(line);
      if (event !== undefined) yield { index: index++, line: line.line, event };
    }
  }
  function* events(): Generator<E, void, undefined> {
    for (const entry of entries()) yield entry.event;
  }
  return { file, config, events, entries };
}
