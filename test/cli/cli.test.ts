import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { pagefold, scratch } from "./run-cli.js";

const dir = scratch();
const run = join(dir, "run.pfr");

beforeAll(() => {
  const r = pagefold("record", "--workload", "ram:mixed", "--events", "20000", "--seed", "5", "-o", run);
  expect(r.stderr).toMatch(/recorded 20,000 events/);
  expect(r.status).toBe(0);
});

describe("pagefold record, stats, replay", () => {
  it("stats --json gives the event count, ops and outcome codes on stdout", () => {
    const r = pagefold("stats", run, "--json");
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      events: number;
      ops: Record<string, number>;
      codes: Record<string, number>;
    };
    expect(doc.events).toBe(20_000);
    expect(Object.values(doc.ops).reduce((a, b) => a + b, 0)).toBe(20_000);
    expect(Object.values(doc.codes).reduce((a, b) => a + b, 0)).toBe(20_000);
    expect(doc.ops["ram.alloc"]).toBeGreaterThan(0);
  });

  it("replay checks the recording and exits 0; --jsonl prints one outcome per event", () => {
    const r = pagefold("replay", run, "--jsonl");
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(20_000);
    const first = JSON.parse(lines[0] as string) as { i: number; op: unknown; ok: unknown };
    expect(first.i).toBe(0);
    expect(typeof first.op).toBe("string");
    expect(typeof first.ok).toBe("boolean");
    expect(r.stderr).toMatch(/ok: no divergence/);
  });

  it("replays a JSONL scenario and names malformed lines with exit 2", () => {
    const good = join(dir, "good.jsonl");
    writeFileSync(
      good,
      '{"config":{"ramPages":64}}\n{"op":"ram.alloc","pages":4,"align":2}\n{"op":"ram.free","pfn":0,"pages":4}\n',
    );
    const ok = pagefold("replay", good, "--jsonl");
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim().split("\n")).toEqual([
      '{"i":0,"op":"ram.alloc","ok":true,"value":{"pfn":0}}',
      '{"i":1,"op":"ram.free","ok":true}',
    ]);
    const bad = join(dir, "bad.jsonl");
    writeFileSync(
      bad,
      '{"config":{"ramPages":64}}\n{"op":"ram.alloc","pages":4}\n{"op":"ram.alloc","pages":"four"}\n',
    );
    const r = pagefold("replay", bad);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad.jsonl:3: ram.alloc: /);
    expect(r.stderr).toMatch(/pages/);
    const config = join(dir, "config.jsonl");
    writeFileSync(config, '{"config":{"ramPages":64,"colour":"blue"}}\n');
    const c = pagefold("replay", config);
    expect(c.status).toBe(2);
    expect(c.stderr).toMatch(/colour/);
  });
});

describe("pagefold record --workload", () => {
  it.each([
    ["paging", []],
    ["forkstorm", []],
    ["kmem-mix", []],
    ["addrspace-churn", ["--revision", "addrspace=fixed"]],
  ])("records and verifies the %s workload", (name, extra) => {
    const file = join(dir, `${name}.pfr`);
    const r = pagefold("record", "--workload", name, "--events", "3000", "-o", file, ...extra);
    expect(r.stderr).toMatch(/recorded 3,000 events/);
    expect(pagefold("verify", file).status).toBe(0);
  });

  it("shows the seed's own panic when the faithful revision replays the churn", () => {
    const file = join(dir, "churn-2006.pfr");
    expect(pagefold("record", "--workload", "addrspace-churn", "--events", "3000", "-o", file).status).toBe(
      0,
    );
    const r = pagefold("verify", file);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/panic at event \d+/);
  });

  it("names the workloads it knows when asked for one it does not", () => {
    const r = pagefold("record", "--workload", "nope", "-o", join(dir, "nope.pfr"));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown workload nope \(known: ram:mixed, .*forkstorm/);
  });
});

describe("pagefold verify (exit codes for git bisect run)", () => {
  it("exits 2 on a damaged recording, naming the byte offset and event index", () => {
    const cut = join(dir, "cut.pfr");
    const bytes = readFileSync(run);
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const r = pagefold("verify", cut);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/byte offset \d+/);
    expect(r.stderr).toMatch(/event \d+/);
    expect(r.stderr).toMatch(/events in \d+ chunks before the damage read back intact/);
  });

  it("reads the intact part of a damaged recording with --recover, and salvages it", () => {
    const cut = join(dir, "cut-recover.pfr");
    const bytes = readFileSync(run);
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const strict = pagefold("replay", cut);
    expect(strict.status).toBe(2);
    expect(strict.stderr).toMatch(/--recover reads the intact events before the damage/);
    const recovered = pagefold("replay", cut, "--recover");
    expect(recovered.status).toBe(0);
    const intact = Number(/reading the (\d+) intact events/.exec(recovered.stderr)?.[1]);
    expect(intact).toBeGreaterThan(0);
    expect(recovered.stderr).toMatch(/byte offset \d+, event \d+/);
    const salvaged = join(dir, "salvaged.pfr");
    expect(pagefold("record", cut, "--recover", "-o", salvaged).status).toBe(0);
    const stats = JSON.parse(pagefold("stats", salvaged, "--json").stdout) as { events: number };
    expect(stats.events).toBe(intact);
    expect(pagefold("verify", salvaged).status).toBe(0);
  });

  it("exits 1 on a divergence and 0 on a good run", () => {
    expect(pagefold("verify", run).status).toBe(0);
    const scenario = join(dir, "diverge.jsonl");
    writeFileSync(scenario, '{"config":{"ramPages":64}}\n{"op":"ram.free","pfn":3,"pages":1}\n');
    const recorded = join(dir, "diverge.pfr");
    expect(pagefold("record", scenario, "-o", recorded).status).toBe(0);
    // the same run under a machine too small to hold frame 3 still agrees; a config that changes
    // an outcome diverges: 64 frames can give 16 pages, 16 frames cannot
    const alloc = join(dir, "alloc.jsonl");
    writeFileSync(alloc, '{"config":{"ramPages":64}}\n{"op":"ram.alloc","pages":32}\n');
    const big = join(dir, "alloc.pfr");
    expect(pagefold("record", alloc, "-o", big).status).toBe(0);
    const small = join(dir, "small.json");
    writeFileSync(small, '{"ramPages":16}');
    const r = pagefold("verify", big, "--config", small);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/diverged at event 0 \(ram\.alloc\)/);
    expect(r.stderr).toMatch(/recorded: \{"ok":true,"value":\{"pfn":0\}\}/);
  });

  it("exits 2 on usage errors", () => {
    expect(pagefold("frobnicate").status).toBe(2);
    expect(pagefold("verify").status).toBe(2);
    const r = pagefold("replay", run, "--revision", "pagetables=1999");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown revision "1999" for pagetables/);
    expect(pagefold("replay", join(dir, "missing.pfr")).status).toBe(2);
  });
});

describe("pagefold seek, bisect, minimize, diff", () => {
  it("seek shows the state at N and saves it as a snapshot other runs start from", () => {
    const snap = join(dir, "snap.pfr");
    const r = pagefold("seek", run, "12345", "--json", "--save", snap);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { index: number; view: { ram: { freePages: number } } };
    expect(doc.index).toBe(12_345);
    expect(r.stderr).toMatch(/event 12344:/);
    const next = join(dir, "next.jsonl");
    writeFileSync(next, '{"op":"ram.alloc","pages":1}\n');
    const continued = join(dir, "continued.pfr");
    expect(pagefold("record", next, "--from-snapshot", snap, "-o", continued).status).toBe(0);
    const s = pagefold("seek", continued, "0", "--json");
    expect((JSON.parse(s.stdout) as typeof doc).view.ram.freePages).toBe(doc.view.ram.freePages);
    expect(pagefold("verify", continued).status).toBe(0);
  });

  it("bisect prints the first event index and exits 1, or exits 0 when the predicate never holds", () => {
    const hit = pagefold("bisect", run, "outcome:KErrNoMemory");
    expect(hit.status).toBe(1);
    const index = Number(hit.stdout.trim());
    expect(Number.isInteger(index)).toBe(true);
    const replay = pagefold("replay", run, "--jsonl");
    const first = replay.stdout
      .trim()
      .split("\n")
      .findIndex((l) => l.includes('"code":"KErrNoMemory"'));
    expect(index).toBe(first);
    const never = pagefold("bisect", run, "panic");
    expect(never.status).toBe(0);
    expect(pagefold("bisect", run, "sometimes").status).toBe(2);
  });

  it("minimize writes a small scenario on which the predicate still holds", () => {
    const small = join(dir, "min.jsonl");
    const r = pagefold("minimize", run, "outcome:KErrNoMemory", "-o", small, "--json");
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { events: number; originalLength: number; index: number };
    const first = Number(pagefold("bisect", run, "outcome:KErrNoMemory").stdout.trim());
    expect(doc.events).toBeLessThan(first / 2);
    expect(readFileSync(small, "utf8").trim().split("\n")).toHaveLength(doc.events + 1);
    expect(pagefold("bisect", small, "outcome:KErrNoMemory").stdout.trim()).toBe(String(doc.index));
  });

  it("minimize drops everything the failure does not need", () => {
    const noisy = join(dir, "noisy.jsonl");
    const lines = ['{"config":{"ramPages":64}}'];
    for (let i = 0; i < 20; i++) lines.push('{"op":"ram.alloc","pages":2}', '{"op":"tick"}');
    for (let i = 0; i < 20; i++) lines.push(`{"op":"ram.free","pfn":${2 * i},"pages":2}`);
    lines.push(
      '{"op":"ram.alloc","pages":3}',
      '{"op":"ram.free","pfn":0,"pages":2}',
      '{"op":"ram.alloc","pages":64}',
    );
    writeFileSync(noisy, `${lines.join("\n")}\n`);
    const small = join(dir, "noisy-min.jsonl");
    expect(pagefold("minimize", noisy, "outcome:ram.alloc=KErrNoMemory", "-o", small).status).toBe(0);
    expect(readFileSync(small, "utf8").trim().split("\n").slice(1)).toEqual([
      '{"op":"ram.alloc","pages":3}',
      '{"op":"ram.alloc","pages":64}',
    ]);
  });

  it("diff agrees when the two configs give the same run", () => {
    const r = pagefold("diff", run, "--a-revision", "l1=2001", "--b-revision", "l1=2003");
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/agree on all 20,000 events/);
  });
});

describe("pagefold demo", () => {
  it("runs the whole loop on a built-in workload", () => {
    const r = pagefold("demo", "--events", "30000");
    expect(r.stderr).toMatch(/ok: 30,000 events/);
    expect(r.stderr).toMatch(/verify: diverged at event/);
    expect(r.status).toBe(0);
  });
});
