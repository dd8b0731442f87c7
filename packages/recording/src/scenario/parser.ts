import type { Validation } from "@pagefold/engine";
import { describe, invalidInput, location } from "../errors.js";
import { isObjectRecord } from "../plain-data.js";
import type { ScenarioLine } from "./lines.js";

/** How scenario lines become typed values: usually `machine.validate` and `machine.configure`. */
export interface ScenarioOptions<E, C> {
  readonly validate: (input: unknown) => Validation<E>;
  /** Checks the config line (called with `{}` when there is none); without it the config stays raw. */
  readonly configure?: (input: unknown) => Validation<C>;
  /** The file name errors name (default: none). */
  readonly file?: string;
}

/**
 * Turns scenario lines into a config and events, one line at a time (the JSONL rules):
 * - blank lines and lines whose first non-blank characters are `#` or `//` are ignored;
 * - the first other line may be `{"config": {...}}`, and only the first;
 * - every other line is one JSON event object, checked by `validate`.
 * Errors are PFOLD_INPUT_INVALID naming the file, the line, the event index and the field.
 * JSON.parse makes `__proto__` keys plain own properties, and nothing here copies them onto
 * other objects, so they stay inert (the validator sees them as unknown fields).
 */
export class ScenarioParser<E, C> {
  private rawConfig: unknown = undefined;
  private seenContent = false;
  private events = 0;

  constructor(private readonly options: ScenarioOptions<E, C>) {}

  /** The event on this line, or undefined for a blank, comment or config line. */
  accept({ line, text }: ScenarioLine): E | undefined {
    if (isIgnoredLine(text)) return undefined;
    const at = (field?: string) =>
      location({ file: this.options.file, line, eventIndex: this.events, field });
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (cause) {
      throw invalidInput(
        `invalid JSON: ${describe(cause)}`,
        location({ file: this.options.file, line }),
        cause,
      );
    }
    const first = !this.seenContent;
    this.seenContent = true;
    if (isConfigLine(value)) {
      if (!first)
        throw invalidInput("the config line must come first", location({ file: this.options.file, line }));
      this.rawConfig = value.config;
      this.configure(line);
      return undefined;
    }
    if (!isObjectRecord(value)) throw invalidInput("an event must be a JSON object with an op", at());
    const checked = this.options.validate(value);
    if (!checked.ok) {
      const op = typeof value.op === "string" ? value.op : "event";
      throw invalidInput(`${op}: ${checked.message}`, at(checked.path));
    }
    this.events += 1;
    return checked.value;
  }

  /** The config: configured when `configure` was given (from `{}` if no line named one), else raw. */
  config(): C {
    return this.configure(undefined);
  }

  private configured: { value: C } | undefined;

  private configure(line: number | undefined): C {
    if (this.configured !== undefined) return this.configured.value;
    const configure = this.options.configure;
    if (configure === undefined) return this.rawConfig as C;
    const checked = configure(this.rawConfig ?? {});
    if (!checked.ok) {
      const field = checked.path === "" ? "config" : `config.${checked.path}`;
      throw invalidInput(`config: ${checked.message}`, location({ file: this.options.file, line, field }));
    }
    this.configured = { value: checked.value };
    return checked.value;
  }
}

/** True for a blank line or a comment (`#` or `//` after optional blanks). */
export function isIgnoredLine(text: string): boolean {
  const trimmed = text.trimStart();
  return trimmed === "" || trimmed.startsWith("#") || trimmed.startsWith("//");
}

function isConfigLine(value: unknown): value is { config: unknown } {
  if (!isObjectRecord(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === "config";
}
