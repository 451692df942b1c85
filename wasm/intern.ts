// Interning by raw bytes (part of wasm/record-scan.ts): per table, the distinct values seen
// and their ids, 1 and up; 0 is the empty value.

const TABLES: i32 = 64;
let seed: u32 = 0;
// Per interned slot: an open-addressing table of (hash, offset, length, id), never over half full.
const tables = new StaticArray<usize>(TABLES);
const capacities = new StaticArray<i32>(TABLES);
const counts = new StaticArray<i32>(TABLES);
// Per interned slot: the value last interned or found, its length and id (length 0: none).
const lastOffsets = new StaticArray<u32>(TABLES);
const lastLengths = new StaticArray<u32>(TABLES);
const lastIds = new StaticArray<u32>(TABLES);
// Distinct values' bytes, in chunks.
let arena: usize = 0;
let arenaLeft: usize = 0;
const ARENA_CHUNK: usize = 1 << 20;

function hashBytes(start: usize, end: usize): u32 {
  // Eight bytes a step; the tail is read as one word padded with zeros (the length is mixed in).
  let h: u64 = ((<u64>seed) << 32) ^ (<u64>(end - start)) ^ 0x9e3779b97f4a7c15;
  let p = start;
  while (p + 8 <= end) {
    h = rotl<u64>((h ^ load<u64>(p)) * 0xff51afd7ed558ccd, 29);
    p += 8;
  }
  let tail: u64 = 0;
  for (let shift: u64 = 0; p < end; p++, shift += 8) tail |= (<u64>load<u8>(p)) << shift;
  h = (h ^ tail) * 0xc4ceb9fe1a85ec53;
  h ^= h >> 29;
  h *= 0xff51afd7ed558ccd;
  h ^= h >> 32;
  return <u32>h;
}

/** Whether the `length` bytes at a and b are equal. */
function sameBytes(a: usize, b: usize, length: usize): bool {
  let i: usize = 0;
  while (i + 16 <= length) {
    if (!i8x16.all_true(i8x16.eq(v128.load(a + i), v128.load(b + i)))) return false;
    i += 16;
  }
  while (i + 8 <= length) {
    if (load<u64>(a + i) != load<u64>(b + i)) return false;
    i += 8;
  }
  while (i < length) {
    if (load<u8>(a + i) != load<u8>(b + i)) return false;
    i++;
  }
  return true;
}

function newTable(capacity: i32): usize {
  const table = heap.alloc(<usize>capacity * 16);
  memory.fill(table, 0, <usize>capacity * 16);
  return table;
}

function copyToArena(start: usize, length: usize): usize {
  if (length > arenaLeft) {
    const size = length > ARENA_CHUNK ? length : ARENA_CHUNK;
    arena = heap.alloc(size);
    arenaLeft = size;
  }
  const at = arena;
  memory.copy(at, start, length);
  arena += length;
  arenaLeft -= length;
  return at;
}

function place(table: usize, capacity: i32, hash: u32, offset: u32, length: u32, id: u32): void {
  const mask = <u32>capacity - 1;
  let slot = hash & mask;
  while (load<u32>(table + <usize>slot * 16 + 12) != 0) slot = (slot + 1) & mask;
  const entry = table + <usize>slot * 16;
  store<u32>(entry, hash);
  store<u32>(entry + 4, offset);
  store<u32>(entry + 8, length);
  store<u32>(entry + 12, id);
}

function grow(t: i32): void {
  const old = tables[t];
  const oldCapacity = capacities[t];
  const capacity = oldCapacity * 2;
  const table = newTable(capacity);
  for (let i = 0; i < oldCapacity; i++) {
    const entry = old + <usize>i * 16;
    const id = load<u32>(entry + 12);
    if (id != 0)
      place(table, capacity, load<u32>(entry), load<u32>(entry + 4), load<u32>(entry + 8), id);
  }
  tables[t] = table;
  capacities[t] = capacity;
}

/**
 * The id of the raw value [start, end) in table t: ids start at 1 and 0 is the empty value.
 * Sets `fresh` when the value was new.
 */
let fresh: i32 = 0;
export function intern(t: i32, start: usize, end: usize): u32 {
  fresh = 0;
  const length = <u32>(end - start);
  if (length == 0) return 0;
  // Neighbouring records mostly repeat a field's value: the last one found is compared first.
  if (lastLengths[t] == length && sameBytes(<usize>lastOffsets[t], start, length))
    return lastIds[t];
  const hash = hashBytes(start, end);
  let table = tables[t];
  let capacity = capacities[t];
  const mask = <u32>capacity - 1;
  for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
    const entry = table + <usize>slot * 16;
    const id = load<u32>(entry + 12);
    if (id == 0) break;
    if (
      load<u32>(entry) == hash &&
      load<u32>(entry + 8) == length &&
      sameBytes(<usize>load<u32>(entry + 4), start, length)
    ) {
      lastOffsets[t] = load<u32>(entry + 4);
      lastLengths[t] = length;
      lastIds[t] = id;
      return id;
    }
  }
  const id = <u32>++counts[t];
  if (counts[t] * 2 > capacity) {
    grow(t);
    table = tables[t];
    capacity = capacities[t];
  }
  const offset = <u32>copyToArena(start, length);
  place(table, capacity, hash, offset, length, id);
  lastOffsets[t] = offset;
  lastLengths[t] = length;
  lastIds[t] = id;
  fresh = 1;
  return id;
}

/** Whether the value intern last returned was new. */
export function internedFresh(): bool {
  return fresh == 1;
}

/** The hash seed, and a table numbered t (below 64). */
export function setSeed(randomSeed: u32): void {
  seed = randomSeed;
}

export function setUpTable(t: i32): void {
  capacities[t] = 1024;
  tables[t] = newTable(1024);
  counts[t] = 0;
}
