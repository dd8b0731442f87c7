/**
 * Dependency gate: packages import each other only in the direction DESIGN.md allows, only
 * through their public `src/index.ts`, and no package has a runtime import cycle.
 * Usage: tsx tools/check-deps.ts (exit 1 with one line per problem).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");

/** DESIGN.md "Dependency direction": who may import whom. */
const allowed: Record<string, readonly string[]> = {
  engine: [],
  recording: ["engine"],
  kernel: ["engine"],
  traces: ["kernel", "engine"],
  fuzz: ["kernel", "engine", "recording", "traces"],
  report: ["kernel", "engine", "recording"],
  cli: ["report", "fuzz", "traces", "kernel", "recording", "engine"],
};

const importPattern = /^\s*(import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?["']([^"']+)["']/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

const problems: string[] = [];
const packages = readdirSync(join(root, "packages")).filter((p) =>
  statSync(join(root, "packages", p, "src"), { throwIfNoEntry: false }),
);

for (const pkg of packages) {
  const files = sourceFiles(join(root, "packages", pkg, "src"));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const edges: string[] = [];
    for (const [, , typeOnly, spec] of readFileSync(file, "utf8").matchAll(importPattern)) {
      if (spec === undefined) continue;
      const where = relative(root, file);
      if (spec.startsWith("@pagefold/")) {
        const [, target, ...deep] = spec.split("/");
        if (deep.length > 0) problems.push(`${where}: deep import ${spec} (use @pagefold/${target})`);
        if (target !== undefined && !(allowed[pkg] ?? []).includes(target))
          problems.push(`${where}: ${pkg} may not import ${target}`);
      } else if (spec.startsWith(".") && typeOnly === undefined) {
        edges.push(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
      }
    }
    graph.set(file, edges);
  }
  const state = new Map<string, "open" | "done">();
  const visit = (file: string, path: string[]): void => {
    if (state.get(file) === "done") return;
    if (state.get(file) === "open") {
      const cycle = path.slice(path.indexOf(file)).concat(file);
      problems.push(`import cycle: ${cycle.map((f) => relative(root, f)).join(" → ")}`);
      return;
    }
    state.set(file, "open");
    for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
    state.set(file, "done");
  };
  for (const file of files) visit(file, []);
}

if (problems.length > 0) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
console.error(`dependencies ok: ${packages.length} packages, direction and cycles checked`);
