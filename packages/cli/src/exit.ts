import { PagefoldError } from "@pagefold/engine";

/** Exit statuses follow `git bisect run`, so `git bisect run pagefold verify run.pfr` works. */
export const Exit = {
  good: 0,
  bad: 1,
  input: 2,
  cannotJudge: 125,
} as const;
export type ExitStatus = (typeof Exit)[keyof typeof Exit];

/** The exit status and one-line message for an error that reached the top. */
export function exitFor(error: unknown): { status: ExitStatus; message: string } {
  if (error instanceof PagefoldError) {
    return {
      status: error.code === "PFOLD_CANNOT_JUDGE" ? Exit.cannotJudge : Exit.input,
      message: error.message,
    };
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { status: Exit.cannotJudge, message: `internal error (please report it): ${text}` };
}
