/**
 * The B+tree and used-space port against HelenOS's own C code. oracle-cases.json holds op scripts
 * and what btree.c (at the seed's commit 47800e023f) with the seed's used_space_insert/remove
 * printed for them, compiled for a 32-bit layout ("seed"), and with HelenOS a6cb8cb97c and
 * 8b3bff5d1a applied ("fixed"). Ops: `I key value` / `R key` (btree_insert / btree_remove with no
 * leaf), `i page count` / `r page count` (used_space_insert / used_space_remove); then the tree
 * (keys:values per node, subtrees after their parent's keys), the root's stale slot 0 and the
 * leaf list. A panic ends the script and is compared by its message.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { btreeInsert } from "../../src/addrspace/btree/insert.js";
import { btreeCreate, node, type Btree } from "../../src/addrspace/btree/node.js";
import { btreeRemove } from "../../src/addrspace/btree/remove.js";
import { KernelPanic } from "../../src/addrspace/panic.js";
import { usedSpaceInsert } from "../../src/addrspace/used-insert.js";
import { usedSpaceRemove } from "../../src/addrspace/used-remove.js";

interface OracleCase {
  readonly name: string;
  readonly mode: "seed" | "fixed";
  readonly ops: string;
  readonly expected: string;
}

const cases = JSON.parse(
  readFileSync(new URL("./oracle-cases.json", import.meta.url), "utf8"),
) as OracleCase[];

function dump(t: Btree, id: number): string {
  const n = node(t, id);
  const keys = Array.from({ length: n.keys }, (_, i) => `${n.key[i]}:${n.value[i]}`).join(" ");
  if (n.subtree[0] === 0) return `(${keys})`;
  const subtrees = Array.from({ length: n.keys + 1 }, (_, i) => ` ${dump(t, n.subtree[i]!)}`).join("");
  return `(${keys}${subtrees})`;
}

/** The panic message reduced to its class, as the fixture stores it. */
function panicClass(message: string): string {
  const m = /^(B-tree|node) (does not|already) contain/.exec(message);
  if (m !== null) return `${m[1]} ${m[2]} contain key`;
  return message.replace(/^(Inconsistency detected while (adding|removing)).*/, "$1");
}

function replay(script: OracleCase): string {
  const fixed = script.mode === "fixed";
  const t = btreeCreate();
  const out: string[] = [];
  try {
    for (const line of script.ops.split("\n")) {
      const [op, a, b] = line.split(" ");
      const x = Number(a);
      const y = Number(b);
      if (op === "I") btreeInsert(t, x, y, 0, fixed);
      else if (op === "R") btreeRemove(t, x, 0, fixed);
      else if (op === "i") out.push(usedSpaceInsert(t, x, y, fixed) ? "1" : "0");
      else out.push(usedSpaceRemove(t, x, y, fixed) ? "1" : "0");
      if (op === "I" || op === "R") out.push("1");
    }
  } catch (thrown) {
    if (!(thrown instanceof KernelPanic)) throw thrown;
    return [...out, `PANIC ${panicClass(thrown.message)}`].join("\n");
  }
  const root = node(t, t.root);
  const leaves: string[] = [];
  for (let id = t.first; id !== 0; id = node(t, id).next) {
    const n = node(t, id);
    for (let i = 0; i < n.keys; i++) leaves.push(` ${n.key[i]}:${n.value[i]}`);
  }
  return [
    ...out,
    `TREE ${dump(t, t.root)}`,
    `STALE ${root.key[0]}:${root.value[0]}`,
    `LEAVES${leaves.join("")}`,
  ].join("\n");
}

describe("B+tree and used space against the C oracle", () => {
  it.each(cases.map((c) => [`${c.name} (${c.mode})`, c] as const))("%s", (_name, script) => {
    expect(replay(script)).toBe(script.expected);
  });

  it("covers both revisions' answers on an emptied used space", () => {
    const emptied = cases.filter((c) => c.name === "an emptied used space");
    const [seed, fixed] = [emptied.find((c) => c.mode === "seed")!, emptied.find((c) => c.mode === "fixed")!];
    // i, r, i (moved into the empty root, lost), i, r (fails), r, i (the stale key answers "used").
    expect(seed.expected.split("\n").slice(0, 7)).toEqual(["1", "1", "1", "1", "0", "1", "0"]);
    expect(fixed.expected.split("\n").slice(0, 7)).toEqual(["1", "1", "1", "1", "1", "1", "1"]);
  });
});
