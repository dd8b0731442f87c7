import { MAX_DATA_DEPTH } from "./limits.js";

/** Why a value cannot be recorded: the path to the offending part and what is wrong. */
export interface PlainDataProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * Checks that a value is plain data a recording carries exactly: null, booleans, numbers,
 * strings, dense arrays and plain objects, at most `maxDepth` containers deep. `__proto__`
 * keys are refused because a reader keeps such keys inert by renaming them, so they could
 * not round-trip. `undefined` (and absent array slots) are refused for the same reason.
 * Numbers round-trip as IEEE doubles, except that -0 is written as 0, as JSON does; strings
 * must be well-formed UTF-16 (a lone surrogate has no UTF-8 form).
 */
export function plainDataProblem(
  value: unknown,
  path = "",
  maxDepth = MAX_DATA_DEPTH,
): PlainDataProblem | undefined {
  return check(value, path, maxDepth);
}

function check(value: unknown, path: string, depthLeft: number): PlainDataProblem | undefined {
  switch (typeof value) {
    case "number":
    case "boolean":
      return undefined;
    case "string":
      return isWellFormed(value)
        ? undefined
        : { path, message: "has a lone surrogate, which UTF-8 cannot carry" };
    case "object":
      if (value === null) return undefined;
      if (depthLeft <= 0) return { path, message: `nests deeper than ${MAX_DATA_DEPTH} levels` };
      if (Array.isArray(value)) return checkArray(value, path, depthLeft - 1);
      return checkObject(value, path, depthLeft - 1);
    default:
      return { path, message: `is ${typeof value}, not plain data` };
  }
}

function checkArray(
  value: readonly unknown[],
  path: string,
  depthLeft: number,
): PlainDataProblem | undefined {
  for (let i = 0; i < value.length; i++) {
    const problem = check(value[i], `${path}[${i}]`, depthLeft);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function checkObject(value: object, path: string, depthLeft: number): PlainDataProblem | undefined {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    return { path, message: `is ${Object.prototype.toString.call(value)}, not a plain object` };
  }
  for (const key of Object.keys(value)) {
    const at = path === "" ? key : `${path}.${key}`;
    if (key === "__proto__") return { path: at, message: "is a __proto__ key, which readers keep inert" };
    if (!isWellFormed(key)) return { path: at, message: "is a key with a lone surrogate" };
    const problem = check((value as Record<string, unknown>)[key], at, depthLeft);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** Thrown by encoders for a value the format cannot carry; the writer turns it into PFOLD_INPUT_INVALID. */
export class UnrecordableValue extends Error {
  override readonly name = "UnrecordableValue";
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path === "" ? "value" : path} ${problem}`);
  }
}

/** Throws UnrecordableValue unless `value` is plain data at most `maxDepth` deep. */
export function requirePlainData(value: unknown, path: string, maxDepth = MAX_DATA_DEPTH): void {
  const problem = check(value, path, maxDepth);
  if (problem !== undefined) throw new UnrecordableValue(problem.path, problem.message);
}

/** True for a non-null, non-array object. */
export function isObjectRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True unless the string holds a lone surrogate (which has no UTF-8 form). */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}
