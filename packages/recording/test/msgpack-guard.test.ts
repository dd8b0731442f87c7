import fc from "fast-check";
import { Packr, Unpackr } from "msgpackr";
import { describe, expect, it } from "vitest";
import { unpackBody } from "../src/body.js";
import { checkMsgpack } from "../src/msgpack-guard.js";
import { plainValue } from "./support/arbitraries.js";
import { bodyPayload, hex } from "./support/hostile.js";

const unpackr = new Unpackr({ mapsAsObjects: true, int64AsType: "number" });

describe("msgpack guard", () => {
  it("passes everything a records Packr writes for plain data, which then decodes equal", () => {
    fc.assert(
      fc.property(fc.array(plainValue, { maxLength: 8 }), (values) => {
        const packed = new Packr({ useRecords: true }).pack(values);
        expect(checkMsgpack(packed, 72)).toBeUndefined();
        expect(unpackr.unpack(packed)).toEqual(values);
      }),
    );
  });

  it("only passes bytes that msgpackr decodes to plain data within the depth bound", () => {
    const mutated = fc
      .tuple(plainValue, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }))
      .map(([value, edits]) => {
        const bytes = Buffer.from(new Packr({ useRecords: true }).pack([value, value]));
        for (const [at, byte] of edits) bytes[at % bytes.length] = byte;
        return bytes;
      });
    fc.assert(
      fc.property(fc.oneof(mutated, fc.uint8Array({ maxLength: 48 })), (bytes) => {
        if (checkMsgpack(bytes, 6) !== undefined) return;
        expect(depthOfPlain(unpackr.unpack(bytes) as unknown)).toBeLessThanOrEqual(6);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ["bin", "c4 01 00"],
    ["undefined (ext 0)", "d4 00 00"],
    ["timestamp", "d6 ff 00 00 00 00"],
    ["ext 8", "c7 01 65 00"],
    ["uint64", "cf 00 00 00 00 00 00 00 01"],
    ["int64", "d3 00 00 00 00 00 00 00 01"],
    ["never-used 0xc1", "c1"],
    ["two-byte record definition", "d5 72 60 00 91 a1 61 01"],
    ["map with an integer key", "81 01 02"],
    ["record keys that are not strings", "d4 72 40 91 01 02"],
    ["array claiming 2^32-1 items", "dd ff ff ff ff c0"],
    ["map claiming 65535 entries", "de ff ff c0"],
    ["string past the end", "db ff ff ff ff 61"],
    ["truncated float", "cb 00 00"],
    ["trailing bytes", "c0 c0"],
    ["nothing", ""],
  ])("rejects %s", (_name, bytes) => {
    expect(checkMsgpack(hex(bytes), 72)).toMatch(/./);
  });

  it("rejects 100,000 nested arrays without recursion", () => {
    const deep = Buffer.alloc(100_001, 0x91);
    deep[100_000] = 0xc0;
    expect(checkMsgpack(deep, 72)).toMatch(/nesting deeper than 72/);
    const deepRecords = Buffer.concat([hex("d4 72 40 91 a1 61"), Buffer.alloc(100_000, 0x40), hex("c0")]);
    expect(checkMsgpack(deepRecords, 72)).toMatch(/nesting deeper than 72/);
  });

  it("mirrors msgpackr: an undefined record id is an integer, a redefinition replaces it", () => {
    const bytes = hex("93 45 d4 72 45 92 a1 61 a1 62 01 02 45 03 04");
    expect(checkMsgpack(bytes, 8)).toBeUndefined();
    expect(unpackr.unpack(bytes)).toEqual([69, { a: 1, b: 2 }, { a: 3, b: 4 }]);
  });
});

describe("decoding hostile bodies", () => {
  // {"__proto__": {"polluted": true}} as a map, then as records read often enough that
  // msgpackr compiles its fast reader, with "constructor" and "toString" keys as well.
  const protoMap = hex("81 a9 5f5f70726f746f5f5f 81 a8 706f6c6c75746564 c3");
  const protoRecords = Buffer.concat([
    hex("96 d4 72 40 93 a9 5f5f70726f746f5f5f ab 636f6e7374727563746f72 a8 746f537472696e67"),
    hex("81 a8 706f6c6c75746564 c3 01 02"),
    ...Array.from({ length: 5 }, () => hex("40 81 a8 706f6c6c75746564 c3 03 04")),
  ]);

  it("keeps __proto__, constructor and toString keys inert", () => {
    const map = unpackBody(bodyPayload(protoMap), "test", {}) as Record<string, unknown>;
    const records = unpackBody(bodyPayload(protoRecords), "test", {}) as Record<string, unknown>[];
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
    for (const value of [map, ...records]) {
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(Object.hasOwn(value, "__proto__")).toBe(false);
      expect(Object.getOwnPropertyDescriptor(value, "__proto_")?.value).toEqual({ polluted: true });
    }
    for (const record of records) {
      expect(Object.getOwnPropertyDescriptor(record, "constructor")).toMatchObject({ writable: true });
      expect(typeof record.toString).toBe("number");
    }
  });

  it("turns every rejection into PFOLD_RECORDING_CORRUPT at the given location", () => {
    const where = { file: "x.pfr", byteOffset: 123, eventIndex: 4 };
    const cases = [hex("c4 01 00"), Buffer.alloc(10_000, 0x91), hex("dd ff ff ff ff")];
    for (const bytes of cases) {
      expect(() => unpackBody(bodyPayload(bytes), "chunk", where)).toThrow(
        expect.objectContaining({ code: "PFOLD_RECORDING_CORRUPT", where }) as Error,
      );
    }
  });

  it("bounds inflation by the declared length", () => {
    const bomb = bodyPayload(Buffer.alloc(1 << 20));
    bomb.writeUInt32LE(1000, 0);
    expect(() => unpackBody(bomb, "chunk", {})).toThrow(/cannot inflate|inflates to/);
    const lying = bodyPayload(hex("c0"));
    lying.writeUInt32LE(0xffffffff, 0);
    expect(() => unpackBody(lying, "chunk", {})).toThrow(/exceeds the limit/);
  });
});

/** The container depth of plain data; throws on anything that is not plain data. */
function depthOfPlain(value: unknown): number {
  if (value === null || ["number", "string", "boolean"].includes(typeof value)) return 0;
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOfPlain));
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return 1 + Math.max(0, ...Object.values(value).map(depthOfPlain));
  }
  throw new Error(`not plain data: ${Object.prototype.toString.call(value)}`);
}
