import { closeSync, openSync, readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { describe, invalidInput } from "../errors.js";
import { MAX_SCENARIO_LINE } from "../limits.js";

/** One line of a scenario with its 1-based number; the line break (`\n` or `\r\n`) is removed. */
export interface ScenarioLine {
  readonly line: number;
  readonly text: string;
}

/** The lines of a text. */
export function* splitLines(text: string): Generator<ScenarioLine, void, undefined> {
  let line = 0;
  for (let start = 0; start < text.length;) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    line += 1;
    yield { line, text: stripCr(text.slice(start, end)) };
    start = end + 1;
  }
}

/**
 * The lines of a UTF-8 file, read in blocks so any size streams in the memory of one line.
 * A line longer than `maxLineLength` characters is PFOLD_INPUT_INVALID naming it.
 */
export function* readLines(
  file: string,
  maxLineLength = MAX_SCENARIO_LINE,
): Generator<ScenarioLine, void, undefined> {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (cause) {
    throw invalidInput(`cannot open: ${describe(cause)}`, { file }, cause);
  }
  try {
    const block = Buffer.allocUnsafe(64 * 1024);
    const decoder = new StringDecoder("utf8");
    let pending = "";
    let line = 0;
    for (;;) {
      const got = readSync(fd, block, 0, block.length, null);
      pending += got === 0 ? decoder.end() : decoder.write(block.subarray(0, got));
      let start = 0;
      for (let end = pending.indexOf("\n"); end >= 0; end = pending.indexOf("\n", start)) {
        line += 1;
        if (end - start > maxLineLength) throw tooLong(file, line, maxLineLength);
        yield { line, text: stripCr(pending.slice(start, end)) };
        start = end + 1;
      }
      pending = pending.slice(start);
      if (pending.length > maxLineLength) throw tooLong(file, line + 1, maxLineLength);
      if (got === 0) break;
    }
    if (pending !== "") yield { line: line + 1, text: stripCr(pending) };
  } finally {
    closeSync(fd);
  }
}

function tooLong(file: string, line: number, maxLineLength: number): Error {
  return invalidInput(`line longer than ${maxLineLength} characters`, { file, line });
}

function stripCr(text: string): string {
  return text.endsWith("\r") ? text.slice(0, -1) : text;
}
