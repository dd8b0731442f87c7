import { CommanderError } from "commander";
import { Exit, exitFor, type ExitStatus } from "./exit.js";
import { buildProgram } from "./program.js";

/** Runs `pagefold` with `argv` and returns the exit status (never throws). */
export function main(argv: readonly string[]): ExitStatus {
  let status: ExitStatus = Exit.good;
  const program = buildProgram((s) => (status = s));
  program.exitOverride();
  for (const cmd of program.commands) cmd.exitOverride();
  try {
    program.parse(argv, { from: "user" });
    return status;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and --version end with exit code 0; every usage error is a 2
      return error.exitCode === 0 ? Exit.good : Exit.input;
    }
    const { status: failed, message } = exitFor(error);
    process.stderr.write(`pagefold: ${message}\n`);
    return failed;
  }
}
