import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
const tsx = join(root, "node_modules/.bin/tsx");
const entry = join(root, "packages/cli/src/main.ts");

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real `pagefold` executable (as `pnpm pagefold` does), no TTY, no colour. */
export function pagefold(...args: string[]): CliResult {
  const result = spawnSync(tsx, [entry, ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", CI: "true" },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function scratch(): string {
  return mkdtempSync(join(tmpdir(), "pagefold-cli-test-"));
}
