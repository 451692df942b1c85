/**
 * Keeps rows in eventTime order. CloudTrail times have one-second resolution, so rows are sorted
 * by whole seconds since 2000 (fits 32 bits until 2136) with a stable two-pass radix sort; rows
 * in the same second keep arrival order.
 */
const EPOCH_2000_SECONDS = 946_684_800;
const MAX_KEY = 0xffffffff;

function secondsKey(ms: number): number {
  const seconds = Math.floor(ms / 1000) - EPOCH_2000_SECONDS;
  // Unknown times (NaN) and times before 2000 sort first.
  if (!(seconds > 0)) return 0;
  return seconds > MAX_KEY ? MAX_KEY : seconds;
}

/** Returns `rows` sorted by time (a new array, or `rows` itself when already in order). */
export function sortRowsByTime(rows: Uint32Array, time: Float64Array): Uint32Array {
  const n = rows.length;
  let keys = new Uint32Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    keys[i] = secondsKey(time[rows[i]!]!);
    if (i > 0 && keys[i]! < keys[i - 1]!) sorted = false;
  }
  if (sorted) return rows;
  let source: Uint32Array = rows;
  let target: Uint32Array = new Uint32Array(n);
  let targetKeys = new Uint32Array(n);
  const counts = new Uint32Array(65537);
  for (const shift of [0, 16]) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((keys[i]! >>> shift) & 0xffff) + 1]!++;
    for (let d = 1; d <= 65536; d++) counts[d]! += counts[d - 1]!;
    for (let i = 0; i < n; i++) {
      const position = counts[(keys[i]! >>> shift) & 0xffff]!++;
      target[position] = source[i]!;
      targetKeys[position] = keys[i]!;
    }
    [source, target] = [target, source === rows ? new Uint32Array(n) : source];
    [keys, targetKeys] = [targetKeys, keys];
  }
  return source;
}

/** Merges two time-sorted row lists; on equal times rows of `older` come first. */
export function mergeByTime(
  older: Uint32Array,
  newer: Uint32Array,
  time: Float64Array,
): Uint32Array {
  if (older.length === 0) return newer;
  if (newer.length === 0) return older;
  if (secondsKey(time[newer[0]!]!) >= secondsKey(time[older[older.length - 1]!]!)) {
    const joined = new Uint32Array(older.length + newer.length);
    joined.set(older);
    joined.set(newer, older.length);
    return joined;
  }
  const merged = new Uint32Array(older.length + newer.length);
  // Batches arrive nearly in time order, so new rows land in the last stretch of the old ones:
  // everything before the first new row's time is copied in one move, and only the rest is
  // merged row by row (the stream re-orders every 200 ms while a load runs; merging the whole
  // list each time was a tenth of the UI thread's load work at a million events).
  const firstNew = secondsKey(time[newer[0]!]!);
  let low = 0;
  let high = older.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (secondsKey(time[older[middle]!]!) <= firstNew) low = middle + 1;
    else high = middle;
  }
  merged.set(older.subarray(0, low));
  let i = low;
  let j = 0;
  let k = low;
  while (i < older.length && j < newer.length) {
    const a = older[i]!;
    const b = newer[j]!;
    if (secondsKey(time[b]!) < secondsKey(time[a]!)) {
      merged[k++] = b;
      j++;
    } else {
      merged[k++] = a;
      i++;
    }
  }
  while (i < older.length) merged[k++] = older[i++]!;
  while (j < newer.length) merged[k++] = newer[j++]!;
  return merged;
}
