/**
 * bma.cpp TBitMapAllocator: a bitmap of positions, `Alloc()` takes the lowest free one. Words of
 * 32 positions (bit set = free) in leaves of 64 words, with a free count per leaf so the lowest
 * free position is found by skipping full leaves (≤ 16 leaves for 32,512 positions).
 */
export interface BitMap {
  readonly size: number;
  /** Free positions (iAvail). */
  avail: number;
  /** Word w is words[w >>> 6][w & 63]; position p is bit p & 31 of word p >>> 5. */
  words: number[][];
  /** Free positions per leaf of 64 words. */
  leafFree: number[];
}

const WORDS_PER_LEAF = 64;
const BITS_PER_LEAF = WORDS_PER_LEAF * 32;

/** TBitMapAllocator::New(aSize, ETrue): every position free. */
export function createBitMap(size: number): BitMap {
  const words: number[][] = [];
  const leafFree: number[] = [];
  for (let base = 0; base < size; base += BITS_PER_LEAF) {
    const leaf: number[] = [];
    for (let p = base; p < Math.min(size, base + BITS_PER_LEAF); p += 32) {
      const n = Math.min(32, size - p);
      leaf.push(n === 32 ? -1 : (1 << n) - 1);
    }
    words.push(leaf);
    leafFree.push(Math.min(size, base + BITS_PER_LEAF) - base);
  }
  if (words.length > 64) throw new RangeError(`bitmap of ${size} positions is too large`);
  return { size, avail: size, words, leafFree };
}

/** TBitMapAllocator::Alloc(): the lowest free position, now allocated; -1 when none is free. */
export function bitMapAlloc(map: BitMap): number {
  if (map.avail === 0) return -1;
  let l = 0;
  while (map.leafFree[l] === 0) l++;
  const leaf = map.words[l]!;
  let w = 0;
  while (leaf[w] === 0) w++;
  const word = leaf[w]!;
  const bit = 31 - Math.clz32(word & -word);
  leaf[w] = word & ~(1 << bit);
  map.leafFree[l]!--;
  map.avail--;
  return l * BITS_PER_LEAF + w * 32 + bit;
}

/** TBitMapAllocator::Free(aPos): the position must be allocated (TBMA_FAULT otherwise). */
export function bitMapFree(map: BitMap, pos: number): void {
  if (!bitMapNotFree(map, pos)) throw new Error(`TBitMapAllocator::Free: position ${pos} is already free`);
  const leaf = map.words[pos >>> 11]!;
  const w = (pos >>> 5) & 63;
  leaf[w] = leaf[w]! | (1 << (pos & 31));
  map.leafFree[pos >>> 11]!++;
  map.avail++;
}

/** TBitMapAllocator::Alloc(aStart, aLength): marks a range of free positions allocated. */
export function bitMapAllocRange(map: BitMap, start: number, length: number): void {
  for (let p = start; p < start + length; p++) {
    if (bitMapNotFree(map, p)) throw new Error(`TBitMapAllocator::Alloc: position ${p} is not free`);
    const leaf = map.words[p >>> 11]!;
    leaf[(p >>> 5) & 63] = leaf[(p >>> 5) & 63]! & ~(1 << (p & 31));
    map.leafFree[p >>> 11]!--;
    map.avail--;
  }
}

/** TBitMapAllocator::NotFree(aPos, 1): true when the position is allocated. */
export function bitMapNotFree(map: BitMap, pos: number): boolean {
  if (pos < 0 || pos >= map.size) throw new RangeError(`bitmap position ${pos} out of range`);
  return ((map.words[pos >>> 11]![(pos >>> 5) & 63]! >>> (pos & 31)) & 1) === 0;
}

/** Allocated positions counted from the words (for invariants). */
export function bitMapUsed(map: BitMap): number {
  let free = 0;
  for (const leaf of map.words) for (const word of leaf) free += popcount(word);
  return map.size - free;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
