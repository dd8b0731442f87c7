import type { Validation } from "@pagefold/engine";
import { Kind, type TSchema } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import { ValueErrorType, type ValueError } from "@sinclair/typebox/errors";

/** Checks untrusted input against a compiled schema; on failure names the field and what it must be. */
export type Validator<T> = (input: unknown) => Validation<T>;

/**
 * Compiles a TypeBox schema into a validator. The happy path is the compiled check alone; only a
 * rejected input pays for walking the errors, and only the first error is reported.
 * @example compileValidator<RamFreeEvent>(RamFreeSchema)({ op: "ram.free", pfn: -1, pages: 1 })
 * // → { ok: false, path: "pfn", message: "must be an integer ≥ 0" }
 */
/** A compiled schema's yes/no check (no allocation) and its explaining validator. */
export function compileChecks<T>(schema: TSchema): {
  accepts: (input: unknown) => input is T;
  validate: Validator<T>;
} {
  const checker = TypeCompiler.Compile(schema);
  return { accepts: (input): input is T => checker.Check(input), validate: compileValidatorWith<T>(checker) };
}

export function compileValidator<T>(schema: TSchema): Validator<T> {
  return compileValidatorWith<T>(TypeCompiler.Compile(schema));
}

function compileValidatorWith<T>(checker: ReturnType<typeof TypeCompiler.Compile>): Validator<T> {
  return (input) => {
    if (checker.Check(input)) return { ok: true, value: input as T };
    const first = checker.Errors(input).First();
    if (first === undefined) return { ok: false, path: "", message: "is not valid" };
    return explain(first);
  };
}

/** A rejection at a dotted field path (`pager.minPages`), the form every Validation here uses. */
export function invalid(path: string, message: string): { ok: false; path: string; message: string } {
  return { ok: false, path, message };
}

function explain(error: ValueError): { ok: false; path: string; message: string } {
  const path = dottedPath(error.path);
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return invalid(path, "is required");
    case ValueErrorType.ObjectAdditionalProperties:
      return invalid(path, "is not a known field");
    default:
      return invalid(path, `must be ${expected(error.schema)}`);
  }
}

/** `/pager/minPages` (JSON pointer) → `pager.minPages`. */
function dottedPath(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .join(".");
}

/** What a schema accepts, in words: `an integer ≥ 0`, `one of "arm", "x86"`. */
function expected(schema: TSchema): string {
  switch (schema[Kind]) {
    case "Integer":
    case "Number":
      return `${schema[Kind] === "Integer" ? "an integer" : "a number"}${range(schema)}`;
    case "Boolean":
      return "true or false";
    case "String":
      return "a string";
    case "Literal":
      return JSON.stringify(schema["const"]);
    case "Union": {
      const options = (schema["anyOf"] as TSchema[]).map(expected);
      return `one of ${options.join(", ")}`;
    }
    case "Object":
      return "an object";
    default:
      return `a ${String(schema[Kind]).toLowerCase()}`;
  }
}

function range(schema: TSchema): string {
  const min = schema["minimum"] as number | undefined;
  const max = schema["maximum"] as number | undefined;
  const step = schema["multipleOf"] as number | undefined;
  let out = "";
  if (min !== undefined && max !== undefined) out = ` from ${min} to ${max}`;
  else if (min !== undefined) out = ` ≥ ${min}`;
  else if (max !== undefined) out = ` ≤ ${max}`;
  if (step !== undefined) out += `${out === "" ? "" : ","} a multiple of ${step}`;
  return out;
}
