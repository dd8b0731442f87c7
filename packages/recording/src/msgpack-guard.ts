/**
 * A structural check of untrusted msgpack bytes, run before msgpackr decodes them, so that
 * decoding a hostile body can only yield plain data of bounded depth:
 * - only nil, booleans, integers up to 32 bits, floats, strings, arrays, string-keyed maps
 *   and msgpackr records (inline definitions `d4 72 id [keys]`, references 0x40..0x7f);
 * - no bin, no extension types (msgpackr would build Dates, Sets, RegExps, Errors, BigInts,
 *   typed arrays, structured-clone references or bundled strings from them), no 64-bit ints;
 * - every length and count fits in the bytes that remain, so nothing is allocated on a claim;
 * - nesting at most `maxDepth` containers, checked with an explicit stack (no recursion);
 * - exactly one value, spanning all the bytes.
 * It mirrors msgpackr's own reading of records: a reference to an undefined record id is the
 * plain integer 64..127, and a redefinition replaces the id for what follows.
 * Returns undefined when the bytes pass, or the reason (with the position) they do not.
 */
export function checkMsgpack(bytes: Uint8Array, maxDepth: number): string | undefined {
  const end = bytes.length;
  // The open containers: values still expected and whether it is a map (keys at even counts).
  // The innermost one lives in `left` and `inMap`; outer ones are saved on the stack.
  const leftStack = new Int32Array(maxDepth + 1);
  const mapStack = new Uint8Array(maxDepth + 1);
  const recordFields = new Int32Array(64).fill(-1);
  let depth = 0;
  let left = 1;
  let inMap = 0;
  let pos = 0;
  while (pos < end) {
    const start = pos;
    const token = bytes[pos]!;
    const size = FIXED_SIZE[token]!;
    let container = false;
    let children = 0;
    let map = 0;
    if (size !== 0 && (inMap === 0 || (left & 1) === 1 || (token >= 0xa0 && token < 0xc0))) {
      pos += size;
    } else if (inMap === 1 && (left & 1) === 0) {
      pos = skipString(bytes, pos, end);
      if (pos < 0) return `map key at byte ${start} is not a string`;
    } else if (token >= 0x40 && token < 0x80) {
      const fields = recordFields[token & 0x3f]!;
      pos += 1;
      container = fields >= 0;
      children = fields;
    } else if (token >= 0x80 && token < 0xa0) {
      container = true;
      map = token < 0x90 ? 1 : 0;
      children = map === 1 ? (token - 0x80) * 2 : token - 0x90;
      pos += 1;
    } else if (token >= 0xdc && token <= 0xdf) {
      const wide = token === 0xdd || token === 0xdf;
      if (start + (wide ? 5 : 3) > end) return `truncated length at byte ${start}`;
      const count = wide ? readU32(bytes, start + 1) : readU16(bytes, start + 1);
      map = token >= 0xde ? 1 : 0;
      if (count > end - start) return `count ${count} at byte ${start} exceeds the bytes that remain`;
      container = true;
      children = map === 1 ? count * 2 : count;
      pos += wide ? 5 : 3;
    } else if (token >= 0xd9 && token <= 0xdb) {
      pos = skipString(bytes, pos, end);
      if (pos < 0) return `string at byte ${start} runs past the end`;
    } else if (token === 0xd4 && bytes[start + 1] === 0x72) {
      const keys = skipRecordKeys(bytes, start + 3, end);
      if (keys.pos < 0) return `record definition at byte ${start} does not list string keys`;
      recordFields[(bytes[start + 2] ?? 0) & 0x3f] = keys.count;
      container = true;
      children = keys.count;
      pos = keys.pos;
    } else {
      return `msgpack token 0x${token.toString(16)} at byte ${start} is not plain data`;
    }
    if (pos > end) return `value at byte ${start} runs past the end`;
    if (container) {
      if (depth >= maxDepth) return `nesting deeper than ${maxDepth} at byte ${start}`;
      // Fast path: the leading values of a record or array that are whole scalars by themselves.
      if (map === 0) {
        while (children > 0 && pos < end) {
          const scalar = FIXED_SIZE[bytes[pos]!]!;
          if (scalar === 0) break;
          pos += scalar;
          children -= 1;
        }
      }
      if (pos > end) return `value at byte ${start} runs past the end`;
      if (children > 0) {
        if (children > end - pos) return `count ${children} at byte ${start} exceeds the bytes that remain`;
        leftStack[depth] = left;
        mapStack[depth] = inMap;
        depth += 1;
        left = children;
        inMap = map;
        continue;
      }
    }
    // A value is complete: close every container it completes.
    while (--left === 0) {
      if (depth === 0) return pos === end ? undefined : `${end - pos} bytes after the value at byte ${pos}`;
      depth -= 1;
      left = leftStack[depth]!;
      inMap = mapStack[depth]!;
    }
  }
  return `ends inside a value at byte ${pos}`;
}

/** Bytes taken by each token that is a whole scalar by itself (0: anything else). */
const FIXED_SIZE = (() => {
  const size = new Uint8Array(256);
  for (let token = 0; token < 0x40; token++) size[token] = 1;
  for (let token = 0xe0; token < 0x100; token++) size[token] = 1;
  for (let token = 0xa0; token < 0xc0; token++) size[token] = 1 + token - 0xa0;
  for (const token of [0xc0, 0xc2, 0xc3]) size[token] = 1;
  for (const token of [0xcc, 0xd0]) size[token] = 2;
  for (const token of [0xcd, 0xd1]) size[token] = 3;
  for (const token of [0xca, 0xce, 0xd2]) size[token] = 5;
  size[0xcb] = 9;
  return size;
})();

/** The position after a string token at `pos`, or -1 when it is not a complete string. */
function skipString(bytes: Uint8Array, pos: number, end: number): number {
  const token = bytes[pos] ?? 0;
  let next: number;
  if (token >= 0xa0 && token < 0xc0) next = pos + 1 + token - 0xa0;
  else if (token === 0xd9 && pos + 2 <= end) next = pos + 2 + (bytes[pos + 1] ?? 0);
  else if (token === 0xda && pos + 3 <= end) next = pos + 3 + readU16(bytes, pos + 1);
  else if (token === 0xdb && pos + 5 <= end) next = pos + 5 + readU32(bytes, pos + 1);
  else return -1;
  return next <= end ? next : -1;
}

/** Skips a record definition's key list: an array of strings. */
function skipRecordKeys(bytes: Uint8Array, pos: number, end: number): { pos: number; count: number } {
  const token = bytes[pos] ?? 0;
  let count: number;
  if (token >= 0x90 && token < 0xa0) {
    count = token - 0x90;
    pos += 1;
  } else if (token === 0xdc && pos + 3 <= end) {
    count = readU16(bytes, pos + 1);
    pos += 3;
  } else if (token === 0xdd && pos + 5 <= end) {
    count = readU32(bytes, pos + 1);
    pos += 5;
  } else return { pos: -1, count: 0 };
  if (count > end - pos) return { pos: -1, count: 0 };
  for (let i = 0; i < count && pos >= 0; i++) pos = skipString(bytes, pos, end);
  return { pos, count };
}

function readU16(bytes: Uint8Array, pos: number): number {
  return ((bytes[pos] ?? 0) << 8) | (bytes[pos + 1] ?? 0);
}

function readU32(bytes: Uint8Array, pos: number): number {
  const high = (bytes[pos] ?? 0) * 0x1000000;
  return high + ((bytes[pos + 1] ?? 0) << 16) + ((bytes[pos + 2] ?? 0) << 8) + (bytes[pos + 3] ?? 0);
}
