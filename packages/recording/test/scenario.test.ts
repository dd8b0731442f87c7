import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Validation } from "@pagefold/engine";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  formatEventLine,
  formatOutcomeLine,
  formatScenario,
  openScenario,
  parseScenario,
  readLines,
  type RecordedEvent,
} from "../src/index.js";
import { eventOf, plainData } from "./support/arbitraries.js";

const dir = mkdtempSync(join(tmpdir(), "pfr-jsonl-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Any object with a string op. */
const anyEvent = (input: unknown): Validation<RecordedEvent> =>
  typeof input === "object" && input !== null && typeof (input as { op?: unknown }).op === "string"
    ? { ok: true, value: input as RecordedEvent }
    : { ok: false, path: "op", message: "must be a string" };

/** ram.alloc needs an integer `pages`; everything else passes. */
const ramValidate = (input: unknown): Validation<RecordedEvent> => {
  const checked = anyEvent(input);
  if (!checked.ok || checked.value.op !== "ram.alloc" || Number.isInteger(checked.value.pages))
    return checked;
  return { ok: false, path: "pages", message: "must be an integer" };
};

const configure = (input: unknown): Validation<{ ramPages: number }> => {
  const ramPages = (input as { ramPages?: unknown }).ramPages ?? 16384;
  return Number.isInteger(ramPages)
    ? { ok: true, value: { ramPages: ramPages as number } }
    : { ok: false, path: "ramPages", message: "must be an integer" };
};

const text = [
  "# a scenario",
  '{"config": {"ramPages": 64}}',
  "",
  "  // allocate, then free",
  '{"op":"ram.alloc","pages":1}',
  '{"op":"ram.free","pfn":0,"pages":1}\r',
  "   ",
].join("\n");

describe("parseScenario", () => {
  it("reads the config line, skips blanks and comments, numbers lines", () => {
    const scenario = parseScenario(text, { validate: ramValidate, configure });
    expect(scenario).toEqual({
      config: { ramPages: 64 },
      events: [
        { op: "ram.alloc", pages: 1 },
        { op: "ram.free", pfn: 0, pages: 1 },
      ],
      lines: [5, 6],
    });
    expect(parseScenario('{"op":"tick"}', { validate: anyEvent, configure }).config).toEqual({
      ramPages: 16384,
    });
    expect(parseScenario('{"op":"tick"}', { validate: anyEvent }).config).toBeUndefined();
  });

  it.each([
    [
      '{"op":"tick"}\n{"op":"ram.alloc","pages":1.5}',
      "scenario.jsonl:2: ram.alloc: must be an integer (event 1, field pages)",
    ],
    ['{"op":"tick"}\n\n{"op":', expect.stringMatching(/^scenario\.jsonl:3: invalid JSON: /) as string],
    ["[1,2]", "scenario.jsonl:1: an event must be a JSON object with an op (event 0)"],
    ['{"op":"tick"}\n{"config":{}}', "scenario.jsonl:2: the config line must come first"],
    [
      '{"config":{"ramPages":"many"}}',
      "scenario.jsonl:1: config: must be an integer (field config.ramPages)",
    ],
    ['{"pages":1}', "scenario.jsonl:1: event: must be a string (event 0, field op)"],
  ])("names the line and field: %j", (input, message) => {
    expect(() => parseScenario(input, { validate: ramValidate, configure, file: "scenario.jsonl" })).toThrow(
      expect.objectContaining({ code: "PFOLD_INPUT_INVALID", message }) as Error,
    );
  });

  it("keeps __proto__ keys inert", () => {
    const seen: unknown[] = [];
    const { events } = parseScenario(
      '{"op":"x","__proto__":{"polluted":true},"constructor":{"prototype":{"p":1}}}',
      {
        validate: (input) => (seen.push(input), anyEvent(input)),
      },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).p).toBeUndefined();
    expect(Object.getPrototypeOf(events[0])).toBe(Object.prototype);
    expect(Object.keys(events[0]!)).toEqual(["op", "__proto__", "constructor"]);
    expect(seen[0]).toBe(events[0]);
  });

  it("parse(format(scenario)) is the scenario", () => {
    fc.assert(
      fc.property(
        fc.option(plainData(true), { nil: undefined }),
        fc.array(eventOf(plainData(true)), { maxLength: 10 }),
        (config, events) => {
          const config_ = config === undefined ? undefined : { value: config };
          const parsed = parseScenario(formatScenario(config_, events), { validate: anyEvent });
          expect(parsed.config).toEqual(config_);
          expect(parsed.events).toEqual(events);
        },
      ),
    );
  });
});

describe("formatting", () => {
  it("puts op first, then the event's own key order", () => {
    expect(formatEventLine({ pages: 1, op: "ram.alloc", align: 2 } as RecordedEvent)).toBe(
      '{"op":"ram.alloc","pages":1,"align":2}',
    );
    expect(formatEventLine({ op: "x", 1: "a" } as RecordedEvent)).toBe('{"op":"x","1":"a"}');
    expect(formatScenario({ arch: "arm" }, [{ op: "tick" }])).toBe(
      '{"config":{"arch":"arm"}}\n{"op":"tick"}\n',
    );
  });

  it("writes replay outcome lines in the EVENTS.md shape", () => {
    const effects = [{ kind: "aged", page: 3 }];
    expect(formatOutcomeLine(17, { op: "pt.alloc" }, { ok: true, value: { pt: 5 }, effects })).toBe(
      '{"i":17,"op":"pt.alloc","ok":true,"value":{"pt":5},"effects":[{"kind":"aged","page":3}]}',
    );
    expect(
      formatOutcomeLine(
        18,
        { op: "pt.free" },
        { ok: false, code: "KErrArgument", message: "page table 99 is not allocated" },
      ),
    ).toBe(
      '{"i":18,"op":"pt.free","ok":false,"code":"KErrArgument","message":"page table 99 is not allocated"}',
    );
    expect(formatOutcomeLine(0, { op: "tick" }, { ok: true })).toBe('{"i":0,"op":"tick","ok":true}');
  });
});

describe("scenario files", () => {
  it("stream in blocks: lines and UTF-8 across block boundaries, CRLF, config read at open", () => {
    const events = Array.from({ length: 3000 }, (_, i) => ({
      op: "note",
      text: `é€😀 ${"x".repeat(i % 97)}`,
      i,
    }));
    const body = formatScenario({ ramPages: 128 }, events).split("\n");
    const file = join(dir, "big.jsonl");
    writeFileSync(file, `// big\n${body.join("\r\n")}`);
    const scenario = openScenario(file, { validate: anyEvent, configure });
    expect(scenario.config).toEqual({ ramPages: 128 });
    expect([...scenario.events()]).toEqual(events);
    expect([...scenario.entries()].slice(0, 2).map((e) => e.line)).toEqual([3, 4]);
    expect([...scenario.events()]).toHaveLength(3000);
  });

  it("name the file and line of a bad event, and refuse endless lines", () => {
    const file = join(dir, "bad.jsonl");
    writeFileSync(file, '{"op":"ram.alloc","pages":1}\n{"op":"ram.alloc","pages":"x"}\n');
    const scenario = openScenario(file, { validate: ramValidate });
    expect(() => [...scenario.events()]).toThrow(
      `${file}:2: ram.alloc: must be an integer (event 1, field pages)`,
    );
    writeFileSync(file, `{"op":"tick"}\n{"op":"${"y".repeat(5000)}"}\n`);
    expect(() => [...readLines(file, 1000)]).toThrow(/bad.jsonl:2: line longer than 1000 characters/);
    expect(() => openScenario(join(dir, "missing.jsonl"), { validate: anyEvent })).toThrow(/cannot open/);
  });
});
