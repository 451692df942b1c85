import { RESOURCE_SEPARATOR } from '../../trail/event.js';
import type { EventIndex } from '../event-index.js';
import type { StatTable } from './stat-table.js';
import type { SubjectRows } from './subject-rows.js';
import { TextRangeTable } from './text-range-table.js';

/** Statistics per distinct resource, the resources kept as ranges of the column's strings. */
class ResourceStats implements StatTable {
  readonly names = new TextRangeTable();
  counts = new Uint32Array(64);
  errors = new Uint32Array(64);
  first = new Float64Array(64).fill(Number.NaN);
  last = new Float64Array(64).fill(Number.NaN);

  get size(): number {
    return this.names.size;
  }

  valueOf(slot: number): string {
    return this.names.text(slot);
  }

  /** Counts a row for a resource. Rows come in time order, unknown times first. */
  add(slot: number, time: number, failed: number): void {
    while (slot >= this.counts.length) this.grow();
    this.counts[slot]!++;
    this.errors[slot]! += failed;
    if (time === time) {
      if (this.first[slot] !== this.first[slot]) this.first[slot] = time;
      this.last[slot] = time;
    }
  }

  private grow(): void {
    const capacity = this.counts.length * 2;
    const counts = new Uint32Array(capacity);
    const errors = new Uint32Array(capacity);
    const first = new Float64Array(capacity).fill(Number.NaN);
    const last = new Float64Array(capacity).fill(Number.NaN);
    counts.set(this.counts);
    errors.set(this.errors);
    first.set(this.first);
    last.set(this.last);
    this.counts = counts;
    this.errors = errors;
    this.first = first;
    this.last = last;
  }
}

/**
 * Where a resource's name starts: S3 ARNs (`arn:<partition>:s3:::bucket/key`) have no region or
 * account and name what `bucket/key` names, so they are counted under that spelling.
 */
function nameStart(text: string, start: number, end: number): number {
  if (!text.startsWith('arn:', start)) return start;
  const colon = text.indexOf(':', start + 4);
  if (colon < 0 || colon >= end || !text.startsWith('s3:::', colon + 1)) return start;
  return Math.min(colon + 6, end);
}

/**
 * Splits `resources` values into resource slots, once per distinct value: by column id, where
 * its slots start in `slots` and how many there are.
 */
class ResourceSplitter {
  slots = new Uint32Array(1024);
  private used = 0;
  /** By resources id: start in `slots` + 1 (0 = not split yet). */
  readonly starts: Int32Array;
  readonly lengths: Uint32Array;

  constructor(
    private readonly values: readonly string[],
    private readonly names: TextRangeTable,
  ) {
    this.starts = new Int32Array(values.length);
    this.lengths = new Uint32Array(values.length);
  }

  split(id: number): void {
    const text = this.values[id]!;
    const at = this.used;
    for (let start = 0; start <= text.length;) {
      let end = text.indexOf(RESOURCE_SEPARATOR, start);
      if (end < 0) end = text.length;
      const from = nameStart(text, start, end);
      if (from < end) this.keep(at, this.names.intern(text, from, end));
      start = end + 1;
    }
    this.starts[id] = at + 1;
    this.lengths[id] = this.used - at;
  }

  /** Adds a slot to the value being split unless it already has it (`bucket/key` twice). */
  private keep(at: number, slot: number): void {
    for (let k = at; k < this.used; k++) if (this.slots[k] === slot) return;
    if (this.used === this.slots.length) {
      const grown = new Uint32Array(this.slots.length * 2);
      grown.set(this.slots);
      this.slots = grown;
    }
    this.slots[this.used++] = slot;
  }
}

/**
 * The resources a subject touched: the parts of the `resources` column and the `bucket`, each
 * counted once per row (a row's bucket is usually one of its resources already). Each distinct
 * column value is split once, in place (see TextRangeTable); the row loop is lookups.
 */
export function tallyResources(index: EventIndex, subject: SubjectRows): StatTable {
  const { rows, times, failed } = subject;
  const resourcesColumn = index.column('resources');
  const bucketColumn = index.column('bucket');
  const bucketValues = index.dictionary('bucket').values;
  const stats = new ResourceStats();
  const splitter = new ResourceSplitter(index.dictionary('resources').values, stats.names);
  const { starts, lengths } = splitter;
  // By bucket id: its resource slot + 1.
  const bucketSlots = new Int32Array(bucketValues.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const time = times[i]!;
    const fail = failed[i]!;
    const id = resourcesColumn[row]!;
    let from = 0;
    let to = 0;
    if (id !== 0) {
      if (starts[id] === 0) splitter.split(id);
      from = starts[id]! - 1;
      to = from + lengths[id]!;
      for (let k = from; k < to; k++) stats.add(splitter.slots[k]!, time, fail);
    }
    const bucket = bucketColumn[row]!;
    if (bucket === 0) continue;
    if (bucketSlots[bucket] === 0) {
      const name = bucketValues[bucket]!;
      bucketSlots[bucket] = stats.names.intern(name, 0, name.length) + 1;
    }
    const slot = bucketSlots[bucket]! - 1;
    let counted = false;
    for (let k = from; k < to; k++) if (splitter.slots[k] === slot) counted = true;
    if (!counted) stats.add(slot, time, fail);
  }
  return stats;
}
